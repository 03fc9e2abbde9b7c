<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>BeneficiariesPage</name>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="55"/>
        <source>Mức trợ cấp hiện khi đã có ngày sinh, diện đối tượng và tháng bắt đầu hưởng.</source>
        <translation>The allowance appears once the date of birth, the category and the start month are given.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="65"/>
        <source>Mức trợ cấp hàng tháng: {0}</source>
        <translation>Monthly allowance: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="70"/>
        <source>Mức chuẩn: {0} ({1})</source>
        <translation>Standard level: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="231"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="292"/>
        <source>Họ và tên</source>
        <extracomment>The month whose status and total the screen shows (``YYYY-MM``; this month).</extracomment>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="233"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="294"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="237"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="298"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="238"/>
        <source>Khoản (Điều 5)</source>
        <translation>Clause (Art. 5)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="240"/>
        <source>Mức hưởng/tháng</source>
        <translation>Monthly amount</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="246"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="300"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="250"/>
        <source>Hưởng từ</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="260"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="264"/>
        <source>Thay đổi</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="265"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="266"/>
        <source>Số quyết định</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="273"/>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="278"/>
        <source>Mức chuẩn</source>
        <translation>Standard level</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="283"/>
        <source>Hệ số</source>
        <translation>Coefficient</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="284"/>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="285"/>
        <source>Cách tính</source>
        <translation>How computed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="299"/>
        <source>Diện / nhóm</source>
        <translation>Category / group</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="319"/>
        <source>Tiếp nhận hồ sơ… (Ctrl+N)</source>
        <translation>New intake… (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="320"/>
        <source>Đổi trạng thái… (Ctrl+T)</source>
        <translation>Change status… (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="330"/>
        <source>Lịch sử thay đổi</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="331"/>
        <source>Mức hưởng theo thời gian</source>
        <translation>Amounts over time</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="342"/>
        <source>Bảo trợ xã hội</source>
        <translation>Social assistance</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="344"/>
        <source>Ghi vào sổ người có công…</source>
        <translation>Add to the merit register…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="345"/>
        <source>Người có công</source>
        <translation>People with merit</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="348"/>
        <source>Ghi vào sổ trẻ em…</source>
        <translation>Add to the children register…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="349"/>
        <source>Trẻ em có hoàn cảnh đặc biệt</source>
        <translation>Children in special circumstances</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="385"/>
        <source>Sổ người có công – {0}</source>
        <translation>Merit register – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="387"/>
        <source>Sổ trẻ em có hoàn cảnh đặc biệt – {0}</source>
        <translation>Children in special circumstances – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="437"/>
        <source>Tháng {0}: {1} người được chi trả, tổng {2} (như danh sách chi trả).</source>
        <translation>{0}: {1} people paid, total {2} (as on the payment list).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="478"/>
        <source>Tiếp nhận hồ sơ trợ cấp xã hội – {0}</source>
        <translation>Social-assistance intake – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="492"/>
        <source>Chọn một đối tượng trong danh sách.</source>
        <translation>Select a beneficiary in the list.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="515"/>
        <source>Đã ghi: {0} – {1}.</source>
        <translation>Recorded: {0} – {1}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="441"/>
        <source>{0} người chưa đến tháng bắt đầu hưởng.</source>
        <translation>{0} not yet at their start month.</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="118"/>
        <source>dd/mm/yyyy</source>
        <extracomment>Set by the form view while the typed text was refused (letters in a number, no such date): the text stays on screen beside its message instead of being wiped.</extracomment>
        <translation>dd/mm/yyyy</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="57"/>
        <source>Đăng ký máy với máy chủ tỉnh</source>
        <translation>Enroll this computer with the province server</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="62"/>
        <source>Địa chỉ máy chủ:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="63"/>
        <source>Mã đăng ký (tỉnh cấp):</source>
        <translation>Enrollment code (from the province):</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_dialog.py" line="49"/>
        <source>Lưu (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_dialog.py" line="53"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_dialog.py" line="75"/>
        <source>Chưa thể lưu: còn {0} câu chưa trả lời hoặc chưa đúng. {1}: {2}</source>
        <translation>Cannot save yet: {0} question(s) unanswered or invalid. {1}: {2}</translation>
    </message>
</context>
<context>
    <name>HouseholdDetailDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="43"/>
        <source>Hộ {0} – {1}</source>
        <translation>Household {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="47"/>
        <location filename="../../src/xaapp/ui/households/detail.py" line="73"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="48"/>
        <source>Quan hệ với chủ hộ</source>
        <translation>Relationship to head</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="49"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="51"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="55"/>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="56"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="63"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="64"/>
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="65"/>
        <source>Biến động</source>
        <translation>Movement</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="66"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="74"/>
        <source>Khoản (Điều 5)</source>
        <translation>Clause (Art. 5)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="75"/>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="76"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="83"/>
        <source>Thời điểm (UTC)</source>
        <translation>When (UTC)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="84"/>
        <source>Người sửa</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="85"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="87"/>
        <source>Cũ → mới</source>
        <translation>Old → new</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="92"/>
        <source>Lý do sửa</source>
        <translation>Reason for change</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="99"/>
        <source>&lt;b&gt;{0}&lt;/b&gt; · {1} · {2} · mã hộ {3} · ĐT {4}</source>
        <translation>&lt;b&gt;{0}&lt;/b&gt; · {1} · {2} · household no. {3} · tel. {4}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="105"/>
        <source>Thành viên ({0})</source>
        <translation>Members ({0})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="107"/>
        <source>Lịch sử rà soát</source>
        <translation>Review history</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="108"/>
        <source>Đối tượng bảo trợ</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="109"/>
        <source>Lịch sử thay đổi</source>
        <translation>Change history</translation>
    </message>
</context>
<context>
    <name>HouseholdTableModel</name>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="79"/>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="80"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="81"/>
        <source>Số người</source>
        <translation>Members</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="82"/>
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="83"/>
        <source>Bước rà soát</source>
        <translation>Review step</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="84"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="241"/>
        <source>Chờ gửi</source>
        <translation>Pending</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/models/household_table.py" line="241"/>
        <source>Đã gửi</source>
        <translation>Sent</translation>
    </message>
</context>
<context>
    <name>HouseholdsPage</name>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="74"/>
        <source>Tìm theo tên, thôn, số định danh, điện thoại (không cần dấu)…</source>
        <translation>Search by name, village, personal ID, phone (accents optional)…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="93"/>
        <source>Thôn:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="97"/>
        <source>Thêm hộ mới (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="98"/>
        <source>Phiếu rà soát (Ctrl+R)</source>
        <translation>Review form (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="101"/>
        <source>Hộ đề nghị rà soát…</source>
        <translation>Household asks for a review…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="139"/>
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="192"/>
        <source>Thêm hộ mới</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="192"/>
        <source>Thôn của hộ:</source>
        <translation>Village of the household:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="219"/>
        <source>Hộ đề nghị rà soát</source>
        <translation>Asked to be reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="219"/>
        <source>Nội dung đề nghị của hộ {0}:</source>
        <translation>What household {0} asks:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="252"/>
        <source>{0} / {1} hộ</source>
        <translation>{0} / {1} households</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="80"/>
        <source>Nhập từ Excel / Import from Excel</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="86"/>
        <source>Tệp Excel .xlsx có dòng tiêu đề: Thôn, Họ và tên, Ngày sinh…</source>
        <translation>An .xlsx file with a header row: Village, Full name, Date of birth…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="88"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="90"/>
        <source>Cột phân loại hộ là kết quả rà soát năm</source>
        <translation>The household class column is the review result of year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="94"/>
        <source>Đọc và kiểm tra tệp</source>
        <translation>Read and check the file</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="101"/>
        <source>&lt;b&gt;Bước 1.&lt;/b&gt; Chọn tệp Excel danh sách hộ, nhân khẩu.</source>
        <translation>&lt;b&gt;Step 1.&lt;/b&gt; Choose the Excel list of households and people.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="118"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="133"/>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="119"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="120"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="121"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="122"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="123"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="125"/>
        <source>Quan hệ</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="127"/>
        <source>Trùng với</source>
        <translation>Matches</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="134"/>
        <source>Cột</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="135"/>
        <source>Tiêu đề cột</source>
        <translation>Column header</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="136"/>
        <source>Mức</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="136"/>
        <source>Lưu ý</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="136"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="143"/>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="137"/>
        <source>Nội dung</source>
        <translation>Message</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="142"/>
        <source>Các dòng</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="144"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="146"/>
        <source>Nhập vào dữ liệu</source>
        <translation>Import into the data</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="150"/>
        <source>&lt;b&gt;Bước 2.&lt;/b&gt; Kiểm tra các cột, các dòng và lỗi.</source>
        <translation>&lt;b&gt;Step 2.&lt;/b&gt; Check the columns, rows and errors.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="163"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="167"/>
        <source>&lt;b&gt;Bước 3.&lt;/b&gt; Kết quả.</source>
        <translation>&lt;b&gt;Step 3.&lt;/b&gt; Result.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="182"/>
        <source>Chọn tệp Excel</source>
        <translation>Choose an Excel file</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="192"/>
        <source>Lỗi không mong đợi / Unexpected error: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="198"/>
        <source>Đang đọc tệp… / Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="209"/>
        <source>Tiêu đề ở dòng {0}. Các cột: {1}</source>
        <translation>Header on row {0}. Columns: {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="213"/>
        <source>Lỗi ({0})</source>
        <translation>Errors ({0})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="219"/>
        <source>Sửa các lỗi trong tệp rồi đọc lại: chưa nhập dòng nào.</source>
        <translation>Fix the errors in the file and read it again: nothing was imported.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="235"/>
        <source>Đã nhập {0} hộ, {1} người; bổ sung {2} thông tin; {3} kết quả phân loại.</source>
        <translation>Imported {0} households, {1} people; {2} details added; {3} classes.</translation>
    </message>
</context>
<context>
    <name>InterviewView</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_view.py" line="95"/>
        <source>Ctrl+M: thêm thành viên · Alt+↑/↓: đổi thứ tự · Ctrl+Delete: xóa thành viên</source>
        <extracomment>Issues shown only once the officer has been through the field (or tried to finalise).</extracomment>
        <translation>Ctrl+M: add member · Alt+↑/↓: reorder · Ctrl+Delete: remove member</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_view.py" line="251"/>
        <source>{0} – người thứ {1}</source>
        <translation>{0} – person {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_view.py" line="471"/>
        <source>Xóa thành viên</source>
        <translation>Remove member</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_view.py" line="471"/>
        <source>Xóa thành viên {0} khỏi hộ?</source>
        <translation>Remove {0} from the household?</translation>
    </message>
</context>
<context>
    <name>ListsPanel</name>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="139"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="141"/>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="142"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="143"/>
        <source>Xuất PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="144"/>
        <source>Xuất Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="145"/>
        <source>Nhập từ Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="146"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="157"/>
        <source>Danh sách</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="159"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="163"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="196"/>
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="252"/>
        <source>Đã dừng; không có tệp nào được ghi.</source>
        <translation>Stopped; no file was written.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="258"/>
        <source>Lỗi không mong đợi / Unexpected error: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="279"/>
        <source>{0}: {1} dòng.</source>
        <translation>{0}: {1} rows.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="314"/>
        <source>Đã gửi {0} trang tới máy in.</source>
        <translation>Sent {0} pages to the printer.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="327"/>
        <source>Lưu danh sách</source>
        <translation>Save the list</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="357"/>
        <source>trang</source>
        <translation>pages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="357"/>
        <source>dòng</source>
        <translation>rows</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="358"/>
        <source>Đã lưu {0} ({1} {2}).</source>
        <translation>Saved {0} ({1} {2}).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="282"/>
        <source>Có số liệu dựa trên quy định chưa xác minh (¹): xem chú thích cuối danh sách.</source>
        <translation>Some figures rest on rules not verified (¹): see the notes at the end of the list.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="28"/>
        <source>Đăng nhập – xaapp</source>
        <translation>Log in – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="35"/>
        <source>Tên đăng nhập:</source>
        <translation>Username:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="36"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="104"/>
        <source>xaapp – {0}</source>
        <translation>xaapp – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="106"/>
        <source> – DỮ LIỆU MẪU</source>
        <translation> – DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="70"/>
        <source>Thôn và hộ gia đình</source>
        <extracomment>(key, module, class) of each screen, in the order of the navigation list.</extracomment>
        <translation>Villages and households</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="71"/>
        <source>Đối tượng bảo trợ xã hội</source>
        <translation>Social-assistance beneficiaries</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="72"/>
        <source>Rà soát hộ nghèo</source>
        <translation>Poverty review</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="73"/>
        <source>Danh sách và báo cáo</source>
        <translation>Lists and reports</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="74"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="92"/>
        <source>Người dùng: {0} ({1})</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="149"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="150"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="153"/>
        <source>Mở thư mục dữ liệu</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="157"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="158"/>
        <source>&amp;Ngôn ngữ / Language</source>
        <translation>&amp;Language / Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="166"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="167"/>
        <location filename="../../src/xaapp/ui/main_window.py" line="201"/>
        <source>Giới thiệu xaapp</source>
        <translation>About xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="203"/>
        <source>&lt;b&gt;xaapp {0}&lt;/b&gt;&lt;br&gt;Rà soát hộ nghèo, cận nghèo và quản lý đối tượng bảo trợ xã hội cấp xã, làm việc không cần mạng.&lt;br&gt;Tệp dữ liệu: {1}</source>
        <translation>&lt;b&gt;xaapp {0}&lt;/b&gt;&lt;br&gt;Commune poverty reviews and social-assistance records, working offline.&lt;br&gt;Data file: {1}</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="115"/>
        <source>Chọn người trong sổ hộ</source>
        <translation>Choose a person from the register</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="118"/>
        <source>Gõ tên hoặc số định danh (không cần dấu)…</source>
        <translation>Type a name or personal ID (accents optional)…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="120"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="133"/>
        <source>↓ chọn trong danh sách, Enter để mở.</source>
        <translation>↓ to choose in the list, Enter to open.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="142"/>
        <source>Không tìm thấy người nào.</source>
        <translation>Nobody found.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="144"/>
        <source>Nhiều hơn {0} người: gõ thêm để thu hẹp.</source>
        <translation>More than {0} people: type more to narrow it down.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="146"/>
        <source>{0} người. ↓ chọn trong danh sách, Enter để mở.</source>
        <translation>{0} people. ↓ to choose in the list, Enter to open.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="150"/>
        <source>Có {0} người khớp: bấm ↓ để chọn đúng người (xem năm sinh, thôn), rồi Enter.</source>
        <translation>{0} people match: press ↓ to choose the right one (see the birth and village), then Enter.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="59"/>
        <source>Kết quả tính</source>
        <translation>Calculated</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="62"/>
        <source>Số thành viên: {0}</source>
        <translation>Members: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="69"/>
        <source>Thu nhập bình quân/người/tháng: {0}</source>
        <translation>Income per person per month: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="74"/>
        <source>Số chỉ số thiếu hụt: {0}</source>
        <translation>Deprivations: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="81"/>
        <source>Chưa đủ thông tin để phân loại (cần khu vực, năm và thu nhập).</source>
        <translation>Not enough answers to classify yet (area, year and income needed).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="90"/>
        <source>Phân loại: {0}</source>
        <translation>Class: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="114"/>
        <source>Phiếu rà soát hộ gia đình – năm {0}</source>
        <translation>Household review form – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="139"/>
        <source>Hoàn tất phiếu (Ctrl+Enter)</source>
        <translation>Finalise (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="140"/>
        <source>Sửa phiếu đã hoàn tất… (Ctrl+E)</source>
        <translation>Edit final review… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="141"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="184"/>
        <source>Đang sửa phiếu đã hoàn tất – lý do: {0}</source>
        <translation>Editing a final review – reason: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="186"/>
        <source>Phiếu đã hoàn tất.</source>
        <translation>The review is final.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="203"/>
        <source>Chưa lưu: phiếu đã hoàn tất phải trả lời đủ và đúng. {0}</source>
        <translation>Not saved: a final review must stay complete and valid. {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="213"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="245"/>
        <source>Đã hoàn tất phiếu. Phân loại: {0}.</source>
        <translation>Review finalised. Class: {0}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="248"/>
        <source>Đã lưu thay đổi (có ghi lý do) lúc {0}</source>
        <translation>Change saved (with its reason) at {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="250"/>
        <source>Bản nháp đã lưu lúc {0}</source>
        <translation>Draft saved at {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="263"/>
        <source>Không lưu được: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="264"/>
        <source>Chưa lưu</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="284"/>
        <source>Chưa thể hoàn tất phiếu: còn {0} câu chưa trả lời hoặc chưa đúng. {1}</source>
        <translation>Cannot finalise yet: {0} question(s) unanswered or invalid. {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="296"/>
        <source>Sửa phiếu đã hoàn tất</source>
        <translation>Edit a final review</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="296"/>
        <source>Lý do sửa (ghi vào nhật ký thay đổi):</source>
        <translation>Reason for the change (kept in the change log):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="305"/>
        <source>Phải ghi lý do sửa phiếu đã hoàn tất.</source>
        <translation>A change to a final review needs a reason.</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="146"/>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="147"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="148"/>
        <source>Diện rà soát</source>
        <translation>Why reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="149"/>
        <source>Phiếu</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="150"/>
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="151"/>
        <source>Bước</source>
        <translation>Step</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="153"/>
        <source>Khảo sát</source>
        <translation>Surveyed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="156"/>
        <source>Họp thôn</source>
        <translation>Village meeting</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="159"/>
        <source>Đồng ý (%)</source>
        <translation>Agreeing (%)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="165"/>
        <source>Niêm yết</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="168"/>
        <source>Công nhận</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="194"/>
        <source>Ghi bước cho hộ… (Ctrl+B)</source>
        <translation>Record a step… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="195"/>
        <source>Ghi ngày cho cả thôn…</source>
        <translation>Record for the whole village…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="203"/>
        <source>Thôn:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="228"/>
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="245"/>
        <source>Năm {0}: {1} hộ cần rà soát, {2} đã có phiếu, {3} phiếu hoàn tất — {4} hộ nghèo, {5} hộ cận nghèo, {6} mức sống trung bình, {7} không nghèo; đã họp thôn {8}, đã niêm yết {9}, đã công nhận {10}.</source>
        <translation>{0}: {1} households to review, {2} with a form, {3} final — {4} poor, {5} near-poor, {6} average, {7} not poor; village meeting {8}, posted {9}, recognised {10}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="285"/>
        <source>Chọn một hộ đã có phiếu rà soát.</source>
        <translation>Select a household that has a review form.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="287"/>
        <source>Ghi bước rà soát</source>
        <translation>Record a review step</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="301"/>
        <source>Đã ghi bước.</source>
        <translation>Step recorded.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="307"/>
        <source>Chọn thôn trước khi ghi ngày cho cả thôn.</source>
        <translation>Choose a village before recording for the whole village.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="309"/>
        <source>Ghi ngày cho cả thôn</source>
        <translation>Record for the whole village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="324"/>
        <source>Đã ghi {0} cho {1} hộ của {2}.</source>
        <translation>Recorded {0} for {1} households of {2}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="201"/>
        <source>Năm rà soát:</source>
        <translation>Review year:</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="88"/>
        <source>TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="89"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="90"/>
        <source>Quan hệ với chủ hộ</source>
        <translation>Relationship to head</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="91"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="92"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="93"/>
        <source>Tuổi</source>
        <translation>Age</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="59"/>
        <source>Thiết lập lần đầu – xaapp</source>
        <translation>First-run setup – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="62"/>
        <source>Gõ tên xã/phường, có dấu hoặc không…</source>
        <translation>Type the commune&apos;s name, accents optional…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="67"/>
        <source>Nạp dữ liệu xã mẫu (Xã Bá Thước) để làm quen</source>
        <translation>Load the demo commune (Xã Bá Thước) to get to know the app</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="79"/>
        <source>Tên đăng nhập quản trị:</source>
        <translation>Admin username:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="80"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="81"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="82"/>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="89"/>
        <source>&lt;b&gt;Xã/phường sử dụng phần mềm&lt;/b&gt; (166 đơn vị của tỉnh Thanh Hóa)</source>
        <translation>&lt;b&gt;Commune using the app&lt;/b&gt; (the 166 units of Thanh Hóa)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="130"/>
        <source>Hãy chọn xã/phường trong danh sách.</source>
        <translation>Choose a commune from the list.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="133"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="113"/>
        <source>Có {0} xã/phường khớp: bấm ↓ để chọn, rồi Enter.</source>
        <translation>{0} communes match: press ↓ to choose one, then Enter.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="168"/>
        <source>Đổi trạng thái hưởng</source>
        <translation>Change the allowance status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="178"/>
        <source>Thao tác:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="179"/>
        <source>Từ tháng (mm/yyyy):</source>
        <translation>From month (mm/yyyy):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="180"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="181"/>
        <source>Số quyết định:</source>
        <translation>Decision no.:</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="93"/>
        <source>Bước:</source>
        <translation>Step:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="94"/>
        <source>Ngày (dd/mm/yyyy):</source>
        <translation>Date (dd/mm/yyyy):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="95"/>
        <source>Tỷ lệ đồng ý khi họp thôn (%):</source>
        <translation>Share agreeing at the village meeting (%):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="96"/>
        <source>Số quyết định công nhận:</source>
        <translation>Recognition decision no.:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="125"/>
        <source>Ngày phải có dạng dd/mm/yyyy và tỷ lệ là một số.</source>
        <translation>The date must be dd/mm/yyyy and the share a number.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="90"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="91"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="94"/>
        <source>Xuất tệp đồng bộ (USB)…</source>
        <translation>Export sync file (USB)…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="96"/>
        <source>Đăng ký với máy chủ…</source>
        <translation>Enroll with the server…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="104"/>
        <source>Loại bản ghi</source>
        <translation>Record type</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="105"/>
        <source>Mã bản ghi</source>
        <translation>Record id</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="106"/>
        <source>Số trường khác nhau</source>
        <translation>Fields that differ</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="107"/>
        <source>Phát hiện lúc</source>
        <translation>Found at</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="118"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="119"/>
        <source>Trên máy này</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="120"/>
        <source>Trên máy chủ</source>
        <translation>On the server</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="129"/>
        <source>Giữ bản trên máy này</source>
        <translation>Keep this computer&apos;s version</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="130"/>
        <source>Giữ bản trên máy chủ</source>
        <translation>Keep the server&apos;s version</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="135"/>
        <source>Xung đột cần cán bộ quyết định (không bản nào bị bỏ khi chưa chọn)</source>
        <translation>Conflicts for the officer to decide (nothing is discarded without a choice)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="167"/>
        <source>chưa đăng ký</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="170"/>
        <source>&lt;b&gt;Máy chủ:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Thay đổi chờ gửi lên tỉnh:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Lần đồng bộ thành công gần nhất:&lt;/b&gt; {2}&lt;br&gt;&lt;b&gt;Xung đột chưa xử lý:&lt;/b&gt; {3}</source>
        <translation>&lt;b&gt;Server:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Changes waiting to be sent:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Last successful sync:&lt;/b&gt; {2}&lt;br&gt;&lt;b&gt;Open conflicts:&lt;/b&gt; {3}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="172"/>
        <source>chưa có</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="209"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="221"/>
        <source>Đang dừng… các gói đã gửi được giữ, lần sau tiếp tục từ đó.</source>
        <translation>Stopping… batches already sent are kept; the next sync resumes from there.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="241"/>
        <source>Đã dừng. Còn {0} thay đổi chờ gửi.</source>
        <translation>Stopped. {0} changes still pending.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="245"/>
        <source>Xong: gửi {0} bản ghi ({1} trùng lặp đã bỏ qua), nhận {2}; {3} xung đột cần quyết định.</source>
        <translation>Done: sent {0} records ({1} duplicates skipped), received {2}; {3} conflicts to decide.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="270"/>
        <source>Không có thay đổi nào chờ gửi.</source>
        <translation>Nothing is pending.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="273"/>
        <source>Đã ghi {0} bản ghi vào {1}. Mang tệp này lên nơi có mạng để gửi.</source>
        <translation>Wrote {0} records to {1}. Take this file where there is a connection to send it.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="283"/>
        <source>Đã đăng ký: thiết bị {0}, xã {1}.</source>
        <translation>Enrolled: device {0}, commune {1}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="291"/>
        <source>Lưu tệp đồng bộ</source>
        <translation>Save the sync file</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../src/xaapp/ui/crash.py" line="31"/>
        <source>Lỗi không mong đợi</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/crash.py" line="32"/>
        <source>xaapp gặp lỗi không mong đợi. Dữ liệu đã lưu không bị mất.
Chi tiết đã được ghi vào: {0}
Hãy bấm “Hiện chi tiết”, sao chép và gửi cho bộ phận hỗ trợ.</source>
        <translation>xaapp hit an unexpected error. Saved data is safe.
Details were written to: {0}
Click “Show Details…”, copy them and send them to support.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/crash.py" line="47"/>
        <source>Không thực hiện được</source>
        <translation>Could not be done</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="15"/>
        <source>Hộ nghèo</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="16"/>
        <source>Hộ cận nghèo</source>
        <translation>Near-poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="17"/>
        <source>Mức sống trung bình</source>
        <translation>Average living standard</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="18"/>
        <source>Không nghèo</source>
        <translation>Not poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="24"/>
        <source>Đã công nhận</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="25"/>
        <source>Đã niêm yết</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="26"/>
        <source>Đã họp thôn</source>
        <translation>Village meeting held</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="27"/>
        <source>Đã khảo sát</source>
        <translation>Surveyed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="28"/>
        <source>Trong danh sách</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="29"/>
        <source>Chưa rà soát</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="35"/>
        <source>Đang hưởng</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="36"/>
        <location filename="../../src/xaapp/ui/labels.py" line="106"/>
        <source>Tạm dừng</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="37"/>
        <location filename="../../src/xaapp/ui/labels.py" line="107"/>
        <source>Thôi hưởng</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="44"/>
        <source>Cán bộ nhập liệu</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="45"/>
        <source>Người phê duyệt</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="46"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="52"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="53"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="59"/>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="60"/>
        <source>Vợ/chồng</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="61"/>
        <source>Con</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="62"/>
        <source>Bố/mẹ</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="63"/>
        <source>Cháu</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="64"/>
        <source>Anh/chị/em</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="65"/>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="71"/>
        <source>Việc làm</source>
        <translation>Employment</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="72"/>
        <source>Người phụ thuộc trong hộ</source>
        <translation>Dependants in the household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="73"/>
        <source>Dinh dưỡng</source>
        <translation>Nutrition</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="74"/>
        <source>Bảo hiểm y tế</source>
        <translation>Health insurance</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="75"/>
        <source>Trình độ giáo dục của người lớn</source>
        <translation>Adult education</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="76"/>
        <source>Tình trạng đi học của trẻ em</source>
        <translation>Children&apos;s school attendance</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="77"/>
        <source>Chất lượng nhà ở</source>
        <translation>Housing quality</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="78"/>
        <source>Diện tích nhà ở bình quân đầu người</source>
        <translation>Living area per person</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="79"/>
        <source>Nguồn nước sinh hoạt</source>
        <translation>Water source</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="80"/>
        <source>Nhà tiêu hợp vệ sinh</source>
        <translation>Hygienic latrine</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="81"/>
        <source>Sử dụng dịch vụ viễn thông</source>
        <translation>Use of telecom services</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="82"/>
        <source>Phương tiện phục vụ tiếp cận thông tin</source>
        <translation>Information devices</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="88"/>
        <source>Hộ nghèo năm trước</source>
        <translation>Poor last year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="89"/>
        <source>Hộ cận nghèo năm trước</source>
        <translation>Near-poor last year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="90"/>
        <source>Hộ đề nghị rà soát</source>
        <translation>Asked to be reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="91"/>
        <source>Phát sinh</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="97"/>
        <source>Chưa có phiếu</source>
        <translation>No form yet</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="98"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="99"/>
        <source>Đã hoàn tất</source>
        <translation>Final</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="105"/>
        <source>Bắt đầu hưởng</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="108"/>
        <source>Hưởng lại</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="38"/>
        <source>Chưa đến tháng hưởng</source>
        <translation>Not yet started</translation>
    </message>
</context>
</TS>
