<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>BeneficiariesPage</name>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="39" />
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="40" />
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="42" />
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="43" />
        <source>Khoản (Điều 5)</source>
        <translation>Clause (Art. 5)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="44" />
        <source>Mức hưởng/tháng</source>
        <translation>Monthly amount</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="45" />
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="59" />
        <source>{0} đối tượng đang hưởng; tổng chi mỗi tháng {1}</source>
        <translation>{0} beneficiaries receiving; monthly total {1}</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="37" />
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="37" />
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="37" />
        <source>Số người</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="37" />
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="38" />
        <source>Bước rà soát</source>
        <translation>Review step</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="38" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="90" />
        <source>Chờ gửi</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="90" />
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="26" />
        <source>Tìm theo tên, số định danh, điện thoại (không cần dấu)…</source>
        <translation>Search by name, personal ID, phone (accents optional)…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="45" />
        <source>Thôn:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="67" />
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="88" />
        <source>{0} / {1} hộ</source>
        <translation>{0} / {1} households</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="18" />
        <source>Đăng nhập – xaapp</source>
        <translation>Log in – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="25" />
        <source>Tên đăng nhập:</source>
        <translation>Username:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="26" />
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="38" />
        <source>xaapp – {0}</source>
        <translation>xaapp – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="40" />
        <source> – DỮ LIỆU MẪU</source>
        <translation> – DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="51" />
        <source>Thôn và hộ gia đình</source>
        <translation>Villages and households</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="52" />
        <source>Đối tượng bảo trợ xã hội</source>
        <translation>Social-assistance beneficiaries</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="53" />
        <source>Rà soát hộ nghèo</source>
        <translation>Poverty review</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="57" />
        <source>Danh sách và báo cáo</source>
        <translation>Lists and reports</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="58" />
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="71" />
        <source>Người dùng: {0} ({1})</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="92" />
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="93" />
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="94" />
        <source>Mở thư mục dữ liệu</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="97" />
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="98" />
        <source>&amp;Ngôn ngữ / Language</source>
        <translation>&amp;Language / Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="106" />
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="107" />
        <location filename="../../src/xaapp/ui/main_window.py" line="131" />
        <source>Giới thiệu xaapp</source>
        <translation>About xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="132" />
        <source>&lt;b&gt;xaapp {0}&lt;/b&gt;&lt;br&gt;Rà soát hộ nghèo, cận nghèo và quản lý đối tượng bảo trợ xã hội cấp xã, làm việc không cần mạng.&lt;br&gt;Tệp dữ liệu: {1}</source>
        <translation>&lt;b&gt;xaapp {0}&lt;/b&gt;&lt;br&gt;Commune poverty reviews and social-assistance records, working offline.&lt;br&gt;Data file: {1}</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="71" />
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="72" />
        <source>Số hộ</source>
        <translation>Households</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="73" />
        <source>Đã rà soát</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="74" />
        <source>Hộ nghèo</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="75" />
        <source>Hộ cận nghèo</source>
        <translation>Near-poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="76" />
        <source>Đã hoàn tất phiếu</source>
        <translation>Finalised</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="80" />
        <source>Năm rà soát:</source>
        <translation>Review year:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="96" />
        <source>Toàn xã: {0} hộ nghèo ({1:.2f}%), {2} hộ cận nghèo ({3:.2f}%)</source>
        <translation>Commune: {0} poor ({1:.2f}%), {2} near-poor ({3:.2f}%)</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="37" />
        <source>Thiết lập lần đầu – xaapp</source>
        <translation>First-run setup – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="40" />
        <source>Gõ tên xã/phường, có dấu hoặc không…</source>
        <translation>Type the commune's name, accents optional…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="45" />
        <source>Nạp dữ liệu xã mẫu (Xã Bá Thước) để làm quen</source>
        <translation>Load the demo commune (Xã Bá Thước) to get to know the app</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="57" />
        <source>Tên đăng nhập quản trị:</source>
        <translation>Admin username:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="58" />
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="59" />
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="60" />
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="65" />
        <source>&lt;b&gt;Xã/phường sử dụng phần mềm&lt;/b&gt; (166 đơn vị của tỉnh Thanh Hóa)</source>
        <translation>&lt;b&gt;Commune using the app&lt;/b&gt; (the 166 units of Thanh Hóa)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="98" />
        <source>Hãy chọn xã/phường trong danh sách.</source>
        <translation>Choose a commune from the list.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="101" />
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords differ.</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="116" />
        <source>&lt;b&gt;Thay đổi chờ gửi lên tỉnh:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Lần đồng bộ thành công gần nhất:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Máy chủ:&lt;/b&gt; {2}</source>
        <translation>&lt;b&gt;Changes waiting to be sent:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Last successful sync:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Server:&lt;/b&gt; {2}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="117" />
        <source>chưa có</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/pages.py" line="118" />
        <source>chưa đăng ký</source>
        <translation>not enrolled</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../src/xaapp/ui/crash.py" line="29" />
        <source>Lỗi không mong đợi</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/crash.py" line="30" />
        <source>xaapp gặp lỗi không mong đợi. Dữ liệu đã lưu không bị mất.
Chi tiết đã được ghi vào: {0}
Hãy bấm “Hiện chi tiết”, sao chép và gửi cho bộ phận hỗ trợ.</source>
        <translation>xaapp hit an unexpected error. Saved data is safe.
Details were written to: {0}
Click “Show Details…”, copy them and send them to support.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/crash.py" line="42" />
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="15" />
        <source>Hộ nghèo</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="16" />
        <source>Hộ cận nghèo</source>
        <translation>Near-poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="17" />
        <source>Mức sống trung bình</source>
        <translation>Average living standard</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="18" />
        <source>Không nghèo</source>
        <translation>Not poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="24" />
        <source>Đã công nhận</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="25" />
        <source>Đã niêm yết</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="26" />
        <source>Đã họp thôn</source>
        <translation>Village meeting held</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="27" />
        <source>Đã khảo sát</source>
        <translation>Surveyed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="28" />
        <source>Trong danh sách</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="29" />
        <source>Chưa rà soát</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="35" />
        <source>Đang hưởng</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="36" />
        <source>Tạm dừng</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="37" />
        <source>Thôi hưởng</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="43" />
        <source>Cán bộ nhập liệu</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="44" />
        <source>Người phê duyệt</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="45" />
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
</context>
</TS>