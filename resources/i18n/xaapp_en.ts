<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_GB" sourcelanguage="vi_VN">
<context>
    <name>AttachmentEditor</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="435"/>
        <source>Chọn tệp…</source>
        <extracomment>The largest thumbnail of an attached image (a scanned certificate, a photo of the house).</extracomment>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="438"/>
        <source>Bỏ tệp</source>
        <translation>Remove file</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="453"/>
        <source>Chưa có tệp</source>
        <translation>No file yet</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="455"/>
        <source>{name} (tệp không có trên máy này)</source>
        <translation>{name} (the file is not on this computer)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="475"/>
        <source>Chọn tệp cho «{label}»</source>
        <translation>Choose a file for “{label}”</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="487"/>
        <source>Chưa có thư mục dữ liệu để lưu tệp</source>
        <translation>No data folder to keep the file in yet</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="494"/>
        <source>Không chép được tệp {name}: {reason}</source>
        <translation>Could not copy the file {name}: {reason}</translation>
    </message>
</context>
<context>
    <name>BeneficiariesPage</name>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/intake.py" line="24"/>
        <source>Mức trợ cấp hiện khi đã có ngày sinh, diện đối tượng và tháng bắt đầu hưởng.</source>
        <translation>The allowance appears once the date of birth, the category and the start month are given.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/intake.py" line="34"/>
        <source>Mức trợ cấp hàng tháng: {0}</source>
        <translation>Monthly allowance: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/intake.py" line="39"/>
        <source>Mức chuẩn: {0} ({1})</source>
        <translation>Standard level: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="68"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="131"/>
        <source>Họ và tên</source>
        <extracomment>The month whose status and total the screen shows (``YYYY-MM``; this month).</extracomment>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="70"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="133"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="74"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="137"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="75"/>
        <source>Khoản (Điều 5)</source>
        <translation>Clause (Art. 5)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="77"/>
        <source>Mức hưởng/tháng</source>
        <translation>Monthly amount</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="83"/>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="139"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="87"/>
        <source>Hưởng từ</source>
        <translation>Since</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="97"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="101"/>
        <source>Thay đổi</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="102"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="103"/>
        <source>Số quyết định</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="110"/>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="115"/>
        <source>Mức chuẩn</source>
        <translation>Standard level</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="121"/>
        <source>Hệ số</source>
        <translation>Coefficient</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="123"/>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="124"/>
        <source>Cách tính</source>
        <translation>How computed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="138"/>
        <source>Diện / nhóm</source>
        <translation>Category / group</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="160"/>
        <source>Tiếp nhận hồ sơ… (Ctrl+N)</source>
        <translation>New intake… (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="161"/>
        <source>Đổi trạng thái… (Ctrl+T)</source>
        <translation>Change status… (Ctrl+T)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="172"/>
        <source>Lịch sử thay đổi</source>
        <translation>Change history</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="173"/>
        <source>Mức hưởng theo thời gian</source>
        <translation>Amounts over time</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="186"/>
        <source>Bảo trợ xã hội</source>
        <translation>Social assistance</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="188"/>
        <source>Ghi vào sổ người có công…</source>
        <translation>Add to the merit register…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="189"/>
        <source>Người có công</source>
        <translation>People with merit</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="192"/>
        <source>Ghi vào sổ trẻ em…</source>
        <translation>Add to the children register…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="193"/>
        <source>Trẻ em có hoàn cảnh đặc biệt</source>
        <translation>Children in special circumstances</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="249"/>
        <source>Sổ người có công – {0}</source>
        <translation>Merit register – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="251"/>
        <source>Sổ trẻ em có hoàn cảnh đặc biệt – {0}</source>
        <translation>Children in special circumstances – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="303"/>
        <source>Tháng {0}: {1} người được chi trả, tổng {2} (như danh sách chi trả).</source>
        <translation>{0}: {1} people paid, total {2} (as on the payment list).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="346"/>
        <source>Tiếp nhận hồ sơ trợ cấp xã hội – {0}</source>
        <translation>Social-assistance intake – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="360"/>
        <source>Chọn một đối tượng trong danh sách.</source>
        <translation>Select a beneficiary in the list.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="384"/>
        <source>Đã ghi: {0} – {1}.</source>
        <translation>Recorded: {0} – {1}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/page.py" line="307"/>
        <source>{0} người chưa đến tháng bắt đầu hưởng.</source>
        <translation>{0} not yet at their start month.</translation>
    </message>
</context>
<context>
    <name>ConflictsBox</name>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="48"/>
        <source>Xung đột cần cán bộ quyết định (không bản nào bị bỏ khi chưa chọn)</source>
        <translation>Conflicts for the officer to decide (nothing is discarded without a choice)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="52"/>
        <source>Loại</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="53"/>
        <source>Bản ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="54"/>
        <source>Số trường khác nhau</source>
        <translation>Fields that differ</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="55"/>
        <source>Phát hiện lúc</source>
        <translation>Found at</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="64"/>
        <source>Tìm hộ, loại xung đột (không cần dấu)… Ctrl+F</source>
        <translation>Search household, kind of conflict (accents optional)… Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="69"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="70"/>
        <source>Trên máy này</source>
        <translation>On this computer</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="71"/>
        <source>Trên máy chủ</source>
        <translation>On the server</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="79"/>
        <source>Giữ bản trên máy này</source>
        <translation>Keep this computer&apos;s version</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="80"/>
        <source>Giữ bản trên máy chủ</source>
        <translation>Keep the server&apos;s version</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="81"/>
        <source>Đã xem (đã sửa mã hộ hoặc đúng là hai hộ)</source>
        <translation>Seen (code corrected, or really two households)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="101"/>
        <source>Mã hộ trùng</source>
        <translation>Duplicate household code</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="101"/>
        <source>Sửa ở hai nơi</source>
        <translation>Edited in two places</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="141"/>
        <source>Hộ này có cùng mã và cùng thôn với một hộ do máy khác nhập (cột «Trên máy chủ»). Nếu nhập nhầm, hãy sửa mã hộ trong danh sách hộ; nếu là cùng một hộ, hãy xóa bản thừa.</source>
        <translation>This household has the same code and village as a household entered on another computer (column «On the server»). If it was mistyped, correct the household code in the household list; if it is the same household, delete the extra copy.</translation>
    </message>
</context>
<context>
    <name>DateEditor</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="179"/>
        <source>dd/mm/yyyy</source>
        <extracomment>The application property naming the data folder (set by the app once the database is open).</extracomment>
        <translation>dd/mm/yyyy</translation>
    </message>
</context>
<context>
    <name>EnrollDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="56"/>
        <source>Đăng ký máy với máy chủ tỉnh</source>
        <translation>Enroll this computer with the province server</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="61"/>
        <source>Địa chỉ máy chủ:</source>
        <translation>Server address:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="62"/>
        <source>Mã đăng ký (tỉnh cấp):</source>
        <translation>Enrollment code (from the province):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="64"/>
        <source>Cho phép http không mã hóa (chỉ trong mạng nội bộ tin cậy)</source>
        <translation>Allow unencrypted http (trusted office network only)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="67"/>
        <source>Chỉ đánh dấu khi tỉnh cho biết máy chủ trong mạng nội bộ không có https. Mã truy cập và dữ liệu hộ dân sẽ đi qua mạng không mã hóa.</source>
        <translation>Tick only when the province says its server on the office network has no https. The access token and household data will cross the network unencrypted.</translation>
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_dialog.py" line="51"/>
        <source>Lưu (Ctrl+Enter)</source>
        <translation>Save (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_dialog.py" line="55"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_dialog.py" line="77"/>
        <source>Chưa thể lưu: còn {0} câu chưa trả lời hoặc chưa đúng. {1}: {2}</source>
        <translation>Cannot save yet: {0} question(s) unanswered or invalid. {1}: {2}</translation>
    </message>
</context>
<context>
    <name>GeoEditor</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="378"/>
        <source>vĩ độ kinh độ, ví dụ 19.8076 105.7764</source>
        <translation>latitude longitude, e.g. 19.8076 105.7764</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/editors.py" line="380"/>
        <source>vĩ độ kinh độ; vĩ độ kinh độ; …</source>
        <translation>latitude longitude; latitude longitude; …</translation>
    </message>
</context>
<context>
    <name>HouseholdDetailDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="54"/>
        <source>Thêm mới</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="56"/>
        <source>Xóa</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="70"/>
        <source>mã hộ {0}</source>
        <translation>household no. {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="74"/>
        <source>ĐT {0}</source>
        <translation>tel. {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="84"/>
        <source>Hộ {0} – {1}</source>
        <translation>Household {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="88"/>
        <location filename="../../src/xaapp/ui/households/detail.py" line="114"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="89"/>
        <source>Quan hệ với chủ hộ</source>
        <translation>Relationship to head</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="90"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="92"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="96"/>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="97"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="104"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="105"/>
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="106"/>
        <source>Biến động</source>
        <translation>Movement</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="107"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="115"/>
        <source>Khoản (Điều 5)</source>
        <translation>Clause (Art. 5)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="116"/>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="117"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="124"/>
        <source>Thời điểm</source>
        <translation>When</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="125"/>
        <source>Người sửa</source>
        <translation>Changed by</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="127"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="130"/>
        <source>Cũ → mới</source>
        <translation>Old → new</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="131"/>
        <source>Lý do sửa</source>
        <translation>Reason for change</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="142"/>
        <source>Thành viên ({0})</source>
        <translation>Members ({0})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="143"/>
        <source>Lịch sử rà soát</source>
        <translation>Review history</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="144"/>
        <source>Đối tượng bảo trợ</source>
        <translation>Beneficiaries</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/detail.py" line="145"/>
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
        <location filename="../../src/xaapp/ui/households/page.py" line="77"/>
        <source>Tìm theo tên, thôn, số định danh, điện thoại (không cần dấu)… Ctrl+F</source>
        <translation>Search by name, village, personal ID, phone (accents optional)… Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="97"/>
        <source>Thôn:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="101"/>
        <source>Thêm hộ mới (Ctrl+N)</source>
        <translation>New household (Ctrl+N)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="102"/>
        <source>Phiếu rà soát (Ctrl+R)</source>
        <translation>Review form (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="105"/>
        <source>Hộ đề nghị rà soát…</source>
        <translation>Household asks for a review…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="142"/>
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="196"/>
        <source>Thêm hộ mới</source>
        <translation>New household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="196"/>
        <source>Thôn của hộ:</source>
        <translation>Village of the household:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="223"/>
        <source>Hộ đề nghị rà soát</source>
        <translation>Asked to be reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="223"/>
        <source>Nội dung đề nghị của hộ {0}:</source>
        <translation>What household {0} asks:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/page.py" line="256"/>
        <source>{0} / {1} hộ</source>
        <translation>{0} / {1} households</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/match.py" line="30"/>
        <source>khớp: {0}</source>
        <translation>found: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/match.py" line="32"/>
        <source>khớp số định danh của {0}</source>
        <translation>found the ID of {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/match.py" line="34"/>
        <source>khớp số điện thoại của {0}</source>
        <translation>found the phone of {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/households/match.py" line="36"/>
        <source>khớp mã hộ {0}</source>
        <translation>found household no. {0}</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="97"/>
        <source>Nhập từ Excel / Import from Excel</source>
        <translation>Import from Excel</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="104"/>
        <source>Chọn tệp…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="106"/>
        <source>Cột phân loại hộ là kết quả rà soát năm</source>
        <translation>The household class column is the review result of year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="117"/>
        <source>Đọc và kiểm tra tệp</source>
        <translation>Read and check the file</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="102"/>
        <source>Tệp .xlsx, .xls, .ods, XML hoặc HTML: danh sách hộ, nhân khẩu hoặc đối tượng bảo trợ xã hội</source>
        <translation>.xlsx, .xls, .ods, XML or HTML file: a list of households, people or social-assistance beneficiaries</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="111"/>
        <source>— theo tệp —</source>
        <translation>— as in the file —</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="124"/>
        <source>&lt;b&gt;Bước 1.&lt;/b&gt; Chọn tệp danh sách (Excel mới, Excel cũ .xls, phông TCVN3/VNI đều được).</source>
        <translation>&lt;b&gt;Step 1.&lt;/b&gt; Choose the list file (new Excel, old Excel .xls, TCVN3/VNI fonts all work).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="133"/>
        <source>Thôn của các dòng không ghi thôn:</source>
        <translation>Village of the rows that name none:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="135"/>
        <source>Tháng tính trợ cấp (danh sách đối tượng):</source>
        <translation>Month of the allowance (beneficiary lists):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="151"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="166"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="180"/>
        <source>Dòng</source>
        <translation>Row</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="152"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="167"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="153"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="168"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="154"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="169"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="155"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="170"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="156"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="157"/>
        <source>Quan hệ</source>
        <translation>Relationship</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="158"/>
        <source>Trùng với / thay đổi</source>
        <translation>Same as / changes</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="160"/>
        <source>Trang</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="171"/>
        <source>Diện</source>
        <translation>Clause</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="172"/>
        <source>Hệ số</source>
        <translation>Coefficient</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="173"/>
        <source>Mức trợ cấp</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="174"/>
        <source>Số tài khoản</source>
        <translation>Account number</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="185"/>
        <source>Nội dung và cách sửa</source>
        <translation>What and how to fix it</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="241"/>
        <source>Chọn tệp danh sách</source>
        <translation>Choose the list file</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="315"/>
        <source>{0}. Tiêu đề ở dòng {1}. Các cột: {2}</source>
        <translation>{0}. Headers on row {1}. Columns: {2}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="352"/>
        <source>Đã nhập {0} đối tượng, {1} người mới; cập nhật {2} thông tin.</source>
        <translation>Imported {0} beneficiaries, {1} new people; {2} details updated.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="355"/>
        <source>Đã nhập {0} hộ, {1} người; cập nhật {2} thông tin; {3} kết quả phân loại.</source>
        <translation>Imported {0} households, {1} people; {2} details updated; {3} classifications.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="181"/>
        <source>Cột</source>
        <translation>Column</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="182"/>
        <source>Tiêu đề cột</source>
        <translation>Column header</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="183"/>
        <source>Ô</source>
        <translation>Cell</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="184"/>
        <source>Mức</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="184"/>
        <source>Lưu ý</source>
        <translation>Warning</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="184"/>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="192"/>
        <source>Lỗi</source>
        <translation>Error</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="191"/>
        <source>Các dòng</source>
        <translation>Rows</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="193"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="195"/>
        <source>Chọn lại cột…</source>
        <translation>Map the columns again…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="197"/>
        <source>Nhập vào dữ liệu</source>
        <translation>Import into the data</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="201"/>
        <source>&lt;b&gt;Bước 2.&lt;/b&gt; Kiểm tra các cột, các dòng và lỗi.</source>
        <translation>&lt;b&gt;Step 2.&lt;/b&gt; Check the columns, rows and errors.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="216"/>
        <source>Đóng</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="220"/>
        <source>&lt;b&gt;Bước 3.&lt;/b&gt; Kết quả.</source>
        <translation>&lt;b&gt;Step 3.&lt;/b&gt; Result.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="259"/>
        <source>Lỗi không mong đợi / Unexpected error: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="273"/>
        <source>Đang đọc tệp… / Reading the file…</source>
        <translation>Reading the file…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="326"/>
        <source>Lỗi ({0})</source>
        <translation>Errors ({0})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_wizard.py" line="332"/>
        <source>Sửa các lỗi trong tệp rồi đọc lại: chưa nhập dòng nào.</source>
        <translation>Fix the errors in the file and read it again: nothing was imported.</translation>
    </message>
</context>
<context>
    <name>InterviewView</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_view.py" line="113"/>
        <source>Ctrl+M: thêm thành viên · Alt+↑/↓: đổi thứ tự · Ctrl+Delete: xóa thành viên</source>
        <extracomment>Issues shown only once the officer has been through the field (or tried to finalise).</extracomment>
        <translation>Ctrl+M: add member · Alt+↑/↓: reorder · Ctrl+Delete: remove member</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/form_view.py" line="268"/>
        <source>{0} – người thứ {1}</source>
        <translation>{0} – person {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster_actions.py" line="91"/>
        <source>Xóa thành viên</source>
        <extracomment>The question on the general page naming the head, and the member fields it starts member 1 with.</extracomment>
        <translation>Remove member</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster_actions.py" line="92"/>
        <source>Xóa thành viên {0} khỏi hộ?</source>
        <translation>Remove {0} from the household?</translation>
    </message>
</context>
<context>
    <name>ListsPanel</name>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="142"/>
        <source>Tháng</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="144"/>
        <source>Xem trước</source>
        <translation>Preview</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="145"/>
        <source>In…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="146"/>
        <source>Xuất PDF…</source>
        <translation>Export PDF…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="147"/>
        <source>Xuất Excel…</source>
        <translation>Export Excel…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="148"/>
        <source>Nhập từ Excel…</source>
        <translation>Import from Excel…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="149"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="163"/>
        <source>Danh sách</source>
        <translation>List</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="165"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="169"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="215"/>
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="241"/>
        <source>Đang tạo lại bản xem trước cho lựa chọn mới…</source>
        <translation>Making the preview again for the new choice…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="283"/>
        <source>Đã dừng; không có tệp nào được ghi.</source>
        <translation>Stopped; no file was written.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="289"/>
        <source>Lỗi không mong đợi / Unexpected error: {0}</source>
        <translation>Unexpected error: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="316"/>
        <source>{0}: {1} dòng.</source>
        <translation>{0}: {1} rows.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="351"/>
        <source>Đã gửi {0} trang tới máy in.</source>
        <translation>Sent {0} pages to the printer.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="364"/>
        <source>Lưu danh sách</source>
        <translation>Save the list</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="394"/>
        <source>trang</source>
        <translation>pages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="394"/>
        <source>dòng</source>
        <translation>rows</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="395"/>
        <source>Đã lưu {0} ({1} {2}).</source>
        <translation>Saved {0} ({1} {2}).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/panel.py" line="319"/>
        <source>Có số liệu dựa trên quy định chưa xác minh (¹): xem chú thích cuối danh sách.</source>
        <translation>Some figures rest on rules not verified (¹): see the notes at the end of the list.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="43"/>
        <source>Đăng nhập – xaapp</source>
        <translation>Log in – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="52"/>
        <source>hoặc mã khôi phục</source>
        <translation>or the recovery code</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="54"/>
        <source>Mật khẩu dữ liệu:</source>
        <translation>Data passphrase:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="57"/>
        <source>Tên đăng nhập:</source>
        <translation>Username:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="58"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="98"/>
        <source>Hãy nhập mật khẩu dữ liệu (hoặc mã khôi phục) để mở tệp dữ liệu.</source>
        <translation>Type the data passphrase (or the recovery code) to open the data file.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/login_dialog.py" line="103"/>
        <source>Đang mở khóa tệp dữ liệu…</source>
        <translation>Unlocking the data file…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="107"/>
        <source>xaapp – {0}</source>
        <translation>xaapp – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="109"/>
        <source> – DỮ LIỆU MẪU</source>
        <translation> – DEMO DATA</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="73"/>
        <source>Thôn và hộ gia đình</source>
        <extracomment>(key, module, class) of each screen, in the order of the navigation list.</extracomment>
        <translation>Villages and households</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="74"/>
        <source>Đối tượng bảo trợ xã hội</source>
        <translation>Social-assistance beneficiaries</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="75"/>
        <source>Rà soát hộ nghèo</source>
        <translation>Poverty review</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="76"/>
        <source>Danh sách và báo cáo</source>
        <translation>Lists and reports</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="77"/>
        <source>Đồng bộ</source>
        <translation>Sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="97"/>
        <source>Người dùng: {0} ({1})</source>
        <translation>User: {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="153"/>
        <source>&amp;Tệp</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="154"/>
        <source>Làm mới</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="157"/>
        <source>Mở thư mục dữ liệu</source>
        <translation>Open data folder</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="161"/>
        <source>Thoát</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="162"/>
        <source>&amp;Ngôn ngữ / Language</source>
        <translation>&amp;Language / Ngôn ngữ</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="170"/>
        <source>Trợ &amp;giúp</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="171"/>
        <location filename="../../src/xaapp/ui/main_window.py" line="205"/>
        <source>Giới thiệu xaapp</source>
        <translation>About xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="207"/>
        <source>&lt;b&gt;xaapp {0}&lt;/b&gt;&lt;br&gt;Rà soát hộ nghèo, cận nghèo và quản lý đối tượng bảo trợ xã hội cấp xã, làm việc không cần mạng.&lt;br&gt;Tệp dữ liệu: {1}</source>
        <translation>&lt;b&gt;xaapp {0}&lt;/b&gt;&lt;br&gt;Commune poverty reviews and social-assistance records, working offline.&lt;br&gt;Data file: {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="238"/>
        <source>Hộ {0} ({1}, {2}), năm {3}: đã lưu «{4}», tính lại «{5}»</source>
        <translation>Household {0} ({1}, {2}), {3}: stored “{4}”, derived “{5}”</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="240"/>
        <source>chưa đủ thông tin</source>
        <translation>not enough information</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="246"/>
        <source>Dữ liệu quy tắc đã thay đổi</source>
        <translation>The rule data has changed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/main_window.py" line="249"/>
        <source>Dữ liệu quy tắc (chuẩn nghèo, chỉ số thiếu hụt) đã thay đổi. Tính lại theo quy tắc mới, {0} phiếu đã hoàn tất có phân loại khác với phân loại đã lưu. Hãy mở từng phiếu để xem lại.</source>
        <translation>The rule data (poverty lines, deprivation indicators) has changed. Derived again under the new rules, {0} final reviews have a class other than the stored one. Open each review to look at it again.</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_mapping_page.py" line="50"/>
        <source>Dùng cách ghép cột này</source>
        <translation>Use this column mapping</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_mapping_page.py" line="52"/>
        <source>Quay lại</source>
        <translation>Back</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_mapping_page.py" line="55"/>
        <source>Trang tính:</source>
        <translation>Sheet:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_mapping_page.py" line="57"/>
        <source>Dòng tiêu đề:</source>
        <translation>Header row:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/import_mapping_page.py" line="64"/>
        <source>&lt;b&gt;Chọn cột.&lt;/b&gt; Chọn trường cho từng cột (hoặc «bỏ qua»); cách ghép được lưu cho các tệp cùng mẫu lần sau.</source>
        <translation>&lt;b&gt;Map the columns.&lt;/b&gt; Choose the field of each column (or “skip”); the mapping is kept for files of the same layout next time.</translation>
    </message>
</context>
<context>
    <name>PersonPicker</name>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="36"/>
        <source>Chọn người trong sổ hộ</source>
        <translation>Choose a person from the register</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="39"/>
        <source>Gõ tên hoặc số định danh (không cần dấu)…</source>
        <translation>Type a name or personal ID (accents optional)…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="41"/>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="54"/>
        <source>↓ chọn trong danh sách, Enter để mở.</source>
        <translation>↓ to choose in the list, Enter to open.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="63"/>
        <source>Không tìm thấy người nào.</source>
        <translation>Nobody found.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="65"/>
        <source>Nhiều hơn {0} người: gõ thêm để thu hẹp.</source>
        <translation>More than {0} people: type more to narrow it down.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="67"/>
        <source>{0} người. ↓ chọn trong danh sách, Enter để mở.</source>
        <translation>{0} people. ↓ to choose in the list, Enter to open.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="71"/>
        <source>Có {0} người khớp: bấm ↓ để chọn đúng người (xem năm sinh, thôn), rồi Enter.</source>
        <translation>{0} people match: press ↓ to choose the right one (see the birth and village), then Enter.</translation>
    </message>
</context>
<context>
    <name>ProblemsBox</name>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="159"/>
        <source>Bản ghi tỉnh chưa nhận (sửa rồi đồng bộ lại)</source>
        <translation>Records the province has not taken (fix them, then sync again)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="162"/>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="163"/>
        <source>Bản ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="164"/>
        <source>Trường</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="165"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="175"/>
        <source>Bị từ chối</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/review.py" line="175"/>
        <source>Chờ bản ghi cha</source>
        <translation>Waiting for its parent record</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="21"/>
        <source>Mã khôi phục dữ liệu – xaapp</source>
        <translation>Data recovery code – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="24"/>
        <source>Tệp dữ liệu đã được mã hóa. Mã dưới đây mở được tệp dữ liệu và mọi bản sao lưu khi quên mật khẩu dữ liệu hoặc trên máy tính khác. &lt;b&gt;Mã chỉ hiện một lần:&lt;/b&gt; hãy in ra (hoặc chép tay) và cất vào tủ hồ sơ của xã, không để cùng máy tính.</source>
        <translation>The data file is encrypted. The code below opens the data file and every backup when the data passphrase is forgotten or on another computer. &lt;b&gt;It is shown only once:&lt;/b&gt; print it (or copy it by hand) and keep it in the commune&apos;s safe, not with the computer.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="37"/>
        <source>In mã khôi phục…</source>
        <translation>Print the recovery code…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="39"/>
        <source>Tôi đã in hoặc chép mã này và sẽ cất vào tủ hồ sơ của xã</source>
        <translation>I have printed or copied this code and will keep it in the commune&apos;s safe</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="61"/>
        <source>MÃ KHÔI PHỤC DỮ LIỆU XAAPP</source>
        <translation>XAAPP DATA RECOVERY CODE</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="63"/>
        <source>Ngày mã hóa:</source>
        <translation>Encrypted on:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="68"/>
        <source>Khi quên mật khẩu dữ liệu, hoặc khi mở tệp dữ liệu hay bản sao lưu trên máy tính khác, gõ mã này vào ô «Mật khẩu dữ liệu» của cửa sổ đăng nhập, hoặc khi lệnh xaapp hỏi mật khẩu.</source>
        <translation>When the data passphrase is forgotten, or to open the data file or a backup on another computer, type this code in the “Data passphrase” box of the login window, or when an xaapp command asks for the passphrase.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/recovery_dialog.py" line="73"/>
        <source>Cất trong tủ hồ sơ có khóa của xã, không để cùng máy tính, không gửi qua mạng.</source>
        <translation>Keep it in the commune&apos;s locked filing cabinet, not with the computer; never send it over a network.</translation>
    </message>
</context>
<context>
    <name>ReportSentBar</name>
    <message>
        <location filename="../../src/xaapp/ui/lists/report_sent.py" line="27"/>
        <source>Đánh dấu đã gửi báo cáo năm…</source>
        <translation>Mark the yearly report as sent…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/report_sent.py" line="29"/>
        <source>Báo cáo năm gửi tỉnh (trước ngày 25/11): tỉnh lưu lại biểu của năm ở lần đồng bộ tới</source>
        <translation>The yearly report to the province (before 25 November): the province freezes the year&apos;s tables at the next sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/report_sent.py" line="54"/>
        <source> (gửi lại: tỉnh giữ cả bản trước)</source>
        <translation> (sent again: the province keeps the earlier one too)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/report_sent.py" line="57"/>
        <source>Gửi báo cáo năm</source>
        <translation>Send the yearly report</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/lists/report_sent.py" line="58"/>
        <source>Đánh dấu đã gửi báo cáo năm %1 của %2%3?

Ở lần đồng bộ tới (qua mạng hoặc tệp), tỉnh lưu lại các biểu của năm %1 (có chữ ký); sửa sau đó sẽ hiện là thay đổi sau báo cáo.</source>
        <translation>Mark the %1 report of %2 as sent%3?

At the next sync (network or file) the province freezes the %1 tables (signed); later edits show as changes after the report.</translation>
    </message>
</context>
<context>
    <name>ReturnedPanel</name>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="29"/>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="30"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="31"/>
        <source>Năm</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="32"/>
        <source>Ý kiến của tỉnh</source>
        <translation>The province&apos;s comment</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="33"/>
        <source>Người trả lại</source>
        <translation>Returned by</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="35"/>
        <source>Ngày trả lại</source>
        <translation>Returned on</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="37"/>
        <source>Tình trạng</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="51"/>
        <source>Mở phiếu (Enter), sửa theo ý kiến rồi lưu hoàn tất lại; lần đồng bộ sau tỉnh sẽ xóa khỏi danh sách này.</source>
        <translation>Open the review (Enter), fix it as asked and save it final again; the next sync tells the province, which clears it from this list.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="62"/>
        <source>Tỉnh đã nhận bản sửa</source>
        <translation>The province has the fix</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="64"/>
        <source>Đã sửa, chờ đồng bộ</source>
        <translation>Fixed, waiting for the sync</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="65"/>
        <source>Chờ sửa</source>
        <translation>To fix</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="69"/>
        <source>Bị trả lại ({0})</source>
        <translation>Returned ({0})</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="82"/>
        <source>Danh sách năm {0}: tỉnh chưa duyệt thôn nào.</source>
        <translation>The {0} lists: the province has not approved any village yet.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/returned.py" line="87"/>
        <source>Danh sách năm {0} đã được duyệt: {1}/{2} thôn – {3}.</source>
        <translation>The {0} lists approved: {1}/{2} villages – {3}.</translation>
    </message>
</context>
<context>
    <name>ReviewDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="69"/>
        <source>Kết quả tính</source>
        <translation>Calculated</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="73"/>
        <source>Số thành viên: {0}</source>
        <translation>Members: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="83"/>
        <source>Thu nhập bình quân/người/tháng: {0}</source>
        <translation>Income per person per month: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="90"/>
        <source>Số chỉ số thiếu hụt: {0}</source>
        <translation>Deprivations: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="104"/>
        <source>Phân loại: {0}</source>
        <translation>Class: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="119"/>
        <source>Phân loại đã lưu với phiếu: {0}</source>
        <translation>Class stored with the review: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="145"/>
        <source>Phiếu rà soát hộ gia đình – năm {0}</source>
        <translation>Household review form – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="181"/>
        <source>Hoàn tất phiếu (Ctrl+Enter)</source>
        <translation>Finalise (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="182"/>
        <source>Sửa phiếu đã hoàn tất… (Ctrl+E)</source>
        <translation>Edit final review… (Ctrl+E)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="183"/>
        <source>Đóng (Esc)</source>
        <translation>Close (Esc)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="226"/>
        <source>Đang sửa phiếu đã hoàn tất – lý do: {0}</source>
        <translation>Editing a final review – reason: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="228"/>
        <source>Phiếu đã hoàn tất.</source>
        <translation>The review is final.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="245"/>
        <source>Chưa lưu: phiếu đã hoàn tất phải trả lời đủ và đúng. {0}</source>
        <translation>Not saved: a final review must stay complete and valid. {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="257"/>
        <source>Đang lưu…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="294"/>
        <source>Đã hoàn tất phiếu. Phân loại: {0}.</source>
        <translation>Review finalised. Class: {0}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="297"/>
        <source>Đã lưu thay đổi (có ghi lý do) lúc {0}</source>
        <translation>Change saved (with its reason) at {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="299"/>
        <source>Bản nháp đã lưu lúc {0}</source>
        <translation>Draft saved at {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="312"/>
        <source>Không lưu được: {0}</source>
        <translation>Could not save: {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="313"/>
        <source>Chưa lưu</source>
        <translation>Not saved</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="333"/>
        <source>Chưa thể hoàn tất phiếu: còn {0} câu chưa trả lời hoặc chưa đúng. {1}</source>
        <translation>Cannot finalise yet: {0} question(s) unanswered or invalid. {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="353"/>
        <source>Chưa thể hoàn tất phiếu. {0}.</source>
        <translation>The form cannot be finalised yet. {0}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="363"/>
        <source>Sửa phiếu đã hoàn tất</source>
        <translation>Edit a final review</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="363"/>
        <source>Lý do sửa (ghi vào nhật ký thay đổi):</source>
        <translation>Reason for the change (kept in the change log):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/review_dialog.py" line="372"/>
        <source>Phải ghi lý do sửa phiếu đã hoàn tất.</source>
        <translation>A change to a final review needs a reason.</translation>
    </message>
</context>
<context>
    <name>ReviewListModel</name>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="88"/>
        <source>Quyết định công nhận số {0}</source>
        <translation>Recognition decision no. {0}</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../src/xaapp/ui/households/review_window.py" line="20"/>
        <source>hộ mới</source>
        <translation>new household</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="134"/>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="135"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="136"/>
        <source>Diện rà soát</source>
        <translation>Why reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="137"/>
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="140"/>
        <source>Khảo sát</source>
        <translation>Surveyed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="138"/>
        <source>Phiếu, bước</source>
        <translation>Form, step</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="143"/>
        <source>Họp thôn · đồng ý</source>
        <translation>Meeting · agreed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="148"/>
        <source>Niêm yết</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="151"/>
        <source>Công nhận</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="170"/>
        <source>Tìm chủ hộ, thôn (không cần dấu)… Ctrl+F</source>
        <translation>Search head or village (accents optional)… Ctrl+F</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="184"/>
        <source>Ghi bước cho hộ… (Ctrl+B)</source>
        <translation>Record a step… (Ctrl+B)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="185"/>
        <source>Ghi ngày cho cả thôn…</source>
        <translation>Record for the whole village…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="193"/>
        <source>Thôn:</source>
        <translation>Village:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="230"/>
        <source>Tất cả các thôn</source>
        <translation>All villages</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="257"/>
        <source>Năm {0}: {1} hộ cần rà soát, {2} đã có phiếu, {3} phiếu hoàn tất — {4} hộ nghèo, {5} hộ cận nghèo, {6} mức sống trung bình, {7} không nghèo; đã họp thôn {8}, đã niêm yết {9}, đã công nhận {10}.</source>
        <translation>{0}: {1} households to review, {2} with a form, {3} final — {4} poor, {5} near-poor, {6} average, {7} not poor; village meeting {8}, posted {9}, recognised {10}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="306"/>
        <source>Chọn một hộ đã có phiếu rà soát.</source>
        <translation>Select a household that has a review form.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="318"/>
        <source>Ghi bước rà soát – hộ {0}</source>
        <translation>Record a review step – household of {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="319"/>
        <source>Hộ {0} – {1}</source>
        <translation>Household of {0} – {1}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="355"/>
        <source>Ghi ngày cho cả thôn – {0}</source>
        <translation>Record a date for the whole village – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="356"/>
        <source>{0}: {1} hộ trong danh sách rà soát năm {2}</source>
        <translation>{0}: {1} households on the {2} review list</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="336"/>
        <source>Đã ghi bước.</source>
        <translation>Step recorded.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="342"/>
        <source>Chọn thôn trước khi ghi ngày cho cả thôn.</source>
        <translation>Choose a village before recording for the whole village.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="371"/>
        <source>Đã ghi {0} cho {1} hộ của {2}.</source>
        <translation>Recorded {0} for {1} households of {2}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/page.py" line="191"/>
        <source>Năm rà soát:</source>
        <translation>Review year:</translation>
    </message>
</context>
<context>
    <name>RosterTableModel</name>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="97"/>
        <source>TT</source>
        <translation>No.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="98"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="99"/>
        <source>Quan hệ với chủ hộ</source>
        <translation>Relationship to head</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="100"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="101"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/interview/roster.py" line="102"/>
        <source>Tuổi</source>
        <translation>Age</translation>
    </message>
</context>
<context>
    <name>ScreenKeys</name>
    <message>
        <location filename="../../src/xaapp/ui/shortcuts.py" line="70"/>
        <source>&amp;Màn hình</source>
        <extracomment>Room kept for the title bar and the window frame below a screen&apos;s free area. Settings group of the main window&apos;s size, place and maximized state.</extracomment>
        <translation>&amp;Screens</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/shortcuts.py" line="90"/>
        <source>Tìm trong danh sách</source>
        <translation>Search the list</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/shortcuts.py" line="96"/>
        <source>Màn hình này không có ô tìm kiếm.</source>
        <translation>This screen has no search box.</translation>
    </message>
</context>
<context>
    <name>SearchProxy</name>
    <message>
        <location filename="../../src/xaapp/ui/list_filter.py" line="61"/>
        <source>Tìm (không cần dấu)… Ctrl+F</source>
        <translation>Search (accents optional)… Ctrl+F</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="64"/>
        <source>Thiết lập lần đầu – xaapp</source>
        <translation>First-run setup – xaapp</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="67"/>
        <source>Gõ tên xã/phường, có dấu hoặc không…</source>
        <translation>Type the commune&apos;s name, accents optional…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="72"/>
        <source>Nạp dữ liệu xã mẫu (Xã Bá Thước) để làm quen</source>
        <translation>Load the demo commune (Xã Bá Thước) to get to know the app</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="80"/>
        <source>Mã hóa dữ liệu bằng mật khẩu riêng (nên chọn: máy tính có thể bị mất hoặc bị lấy cắp)</source>
        <translation>Encrypt the data with its own passphrase (recommended: a computer can be lost or stolen)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="84"/>
        <source>ít nhất {0} ký tự; cả xã dùng chung</source>
        <translation>at least {0} characters; shared by the commune</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="92"/>
        <source>Tên đăng nhập quản trị:</source>
        <translation>Admin username:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="93"/>
        <source>Họ và tên:</source>
        <translation>Full name:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="94"/>
        <source>Mật khẩu:</source>
        <translation>Password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="95"/>
        <source>Nhập lại mật khẩu:</source>
        <translation>Repeat password:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="97"/>
        <source>Mật khẩu dữ liệu:</source>
        <translation>Data passphrase:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="98"/>
        <source>Nhập lại mật khẩu dữ liệu:</source>
        <translation>Data passphrase again:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="105"/>
        <source>&lt;b&gt;Xã/phường sử dụng phần mềm&lt;/b&gt; (166 đơn vị của tỉnh Thanh Hóa)</source>
        <translation>&lt;b&gt;Commune using the app&lt;/b&gt; (the 166 units of Thanh Hóa)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="159"/>
        <source>Hãy chọn xã/phường trong danh sách.</source>
        <translation>Choose a commune from the list.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="162"/>
        <source>Hai lần nhập mật khẩu không khớp.</source>
        <translation>The two passwords differ.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/accounts/setup_dialog.py" line="142"/>
        <source>Có {0} xã/phường khớp: bấm ↓ để chọn, rồi Enter.</source>
        <translation>{0} communes match: press ↓ to choose one, then Enter.</translation>
    </message>
</context>
<context>
    <name>StatusDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="92"/>
        <source>Đổi trạng thái hưởng</source>
        <translation>Change the allowance status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="92"/>
        <source>Đổi trạng thái hưởng – {0}</source>
        <translation>Change the allowance status – {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="108"/>
        <source>Thao tác:</source>
        <translation>Action:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="109"/>
        <source>Từ tháng (mm/yyyy):</source>
        <translation>From month (mm/yyyy):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="110"/>
        <source>Lý do:</source>
        <translation>Reason:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/beneficiaries/dialogs.py" line="111"/>
        <source>Số quyết định:</source>
        <translation>Decision no.:</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="115"/>
        <source>Bước:</source>
        <translation>Step:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="116"/>
        <source>Ngày (dd/mm/yyyy):</source>
        <translation>Date (dd/mm/yyyy):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="106"/>
        <source>Tỷ lệ đồng ý khi họp thôn (%):</source>
        <translation>Share agreeing at the village meeting (%):</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="44"/>
        <source>ngày họp thôn</source>
        <extracomment>Review steps in order and the row attribute holding each one&apos;s date (as services.reviews keeps them).</extracomment>
        <translation>the village meeting date</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="45"/>
        <source>ngày niêm yết</source>
        <translation>the posting date</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="118"/>
        <source>Số quyết định công nhận:</source>
        <translation>Recognition decision no.:</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="155"/>
        <source>Gõ ngày dd/mm/yyyy để biết số hộ sẽ được ghi.</source>
        <translation>Type the date as dd/mm/yyyy to see how many households it will be recorded for.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="156"/>
        <source>Ghi</source>
        <translation>Record</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="159"/>
        <source>Sẽ ghi {0} cho {1} hộ có phiếu đã hoàn tất và đã qua các bước trước (các hộ khác không đổi).</source>
        <translation>Records {0} for {1} households whose form is final and whose earlier steps are done (the others stay as they are).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="163"/>
        <source>Tỷ lệ đồng ý gõ ở trên được ghi chung cho cả {0} hộ; hộ nào có tỷ lệ khác, chọn hộ đó rồi ghi riêng bằng Ghi bước cho hộ (Ctrl+B).</source>
        <translation>The share agreeing typed above is recorded for all {0} households; for a household whose share differs, select it and record its own with Record a step (Ctrl+B).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="167"/>
        <source>Ghi cho {0} hộ</source>
        <translation>Record for {0} households</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/reviews/step_dialog.py" line="183"/>
        <source>Ngày phải có dạng dd/mm/yyyy và tỷ lệ là một số.</source>
        <translation>The date must be dd/mm/yyyy and the share a number.</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="99"/>
        <source>Đồng bộ ngay</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="100"/>
        <source>Dừng</source>
        <translation>Stop</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="103"/>
        <source>Xuất tệp đồng bộ (USB)…</source>
        <translation>Export sync file (USB)…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="105"/>
        <source>Đăng ký với máy chủ…</source>
        <translation>Enroll with the server…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="154"/>
        <source>chưa đăng ký</source>
        <translation>not enrolled</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="111"/>
        <source>Nhập biên nhận của tỉnh…</source>
        <translation>Read the province&apos;s receipt…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="113"/>
        <source>Nhận chứng chỉ mới của máy chủ</source>
        <translation>Accept the server&apos;s new certificate</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="155"/>
        <source>không có</source>
        <translation>none</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="158"/>
        <source>&lt;b&gt;Máy chủ:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Thay đổi chờ gửi lên tỉnh:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Lần đồng bộ thành công gần nhất:&lt;/b&gt; {2}&lt;br&gt;&lt;b&gt;Xung đột chưa xử lý:&lt;/b&gt; {3}&lt;br&gt;&lt;b&gt;Tệp đồng bộ chờ biên nhận:&lt;/b&gt; {4}</source>
        <translation>&lt;b&gt;Server:&lt;/b&gt; {0}&lt;br&gt;&lt;b&gt;Changes waiting to go to the province:&lt;/b&gt; {1}&lt;br&gt;&lt;b&gt;Last successful sync:&lt;/b&gt; {2}&lt;br&gt;&lt;b&gt;Open conflicts:&lt;/b&gt; {3}&lt;br&gt;&lt;b&gt;Sync files awaiting a receipt:&lt;/b&gt; {4}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="164"/>
        <source>chưa có</source>
        <translation>never</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="202"/>
        <source>Đang đồng bộ…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="214"/>
        <source>Đang dừng… các gói đã gửi được giữ, lần sau tiếp tục từ đó.</source>
        <translation>Stopping… batches already sent are kept; the next sync resumes from there.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="234"/>
        <source>Đã dừng. Còn {0} thay đổi chờ gửi.</source>
        <translation>Stopped. {0} changes still pending.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="238"/>
        <source>Xong: gửi {0} bản ghi ({1} trùng lặp đã bỏ qua), nhận {2}; {3} xung đột cần quyết định.</source>
        <translation>Done: sent {0} records ({1} duplicates skipped), received {2}; {3} conflicts to decide.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="253"/>
        <source>Tệp đính kèm: gửi {0}, nhận {1}, còn chờ {2}.</source>
        <translation>Attached files: {0} sent, {1} received, {2} waiting.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="273"/>
        <source>Không có thay đổi nào chờ gửi.</source>
        <translation>Nothing is pending.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="276"/>
        <source>Đã ghi {0} bản ghi vào {1}. Mang tệp này lên nơi có mạng để gửi.</source>
        <translation>Wrote {0} records to {1}. Take this file where there is a connection to send it.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="295"/>
        <source>Biên nhận tệp số {0}: tỉnh đã nhận {1} bản ghi, từ chối {2}, xung đột {3}; còn chờ gửi {4}.</source>
        <translation>Receipt of file {0}: the province stored {1} records, rejected {2}, conflicts {3}; {4} still pending.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="310"/>
        <source>Đã nhận chứng chỉ mới (SHA-256 {0}…).</source>
        <translation>New certificate accepted (SHA-256 {0}…).</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="317"/>
        <source>Chọn tệp biên nhận của tỉnh</source>
        <translation>Choose the province&apos;s receipt file</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="328"/>
        <source>Đã đăng ký: thiết bị {0}, xã {1}.</source>
        <translation>Enrolled: device {0}, commune {1}.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/sync/panel.py" line="336"/>
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
        <location filename="../../src/xaapp/ui/labels.py" line="18"/>
        <source>Hộ nghèo</source>
        <translation>Poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="19"/>
        <source>Hộ cận nghèo</source>
        <translation>Near-poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="20"/>
        <source>Mức sống trung bình</source>
        <translation>Average living standard</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="21"/>
        <source>Không nghèo</source>
        <translation>Not poor</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="27"/>
        <source>Đã công nhận</source>
        <translation>Recognised</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="28"/>
        <source>Đã niêm yết</source>
        <translation>Posted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="29"/>
        <source>Đã họp thôn</source>
        <translation>Village meeting held</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="30"/>
        <source>Đã khảo sát</source>
        <translation>Surveyed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="31"/>
        <source>Trong danh sách</source>
        <translation>Listed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="32"/>
        <source>Chưa rà soát</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="38"/>
        <source>Đang hưởng</source>
        <translation>Receiving</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="39"/>
        <location filename="../../src/xaapp/ui/labels.py" line="98"/>
        <source>Tạm dừng</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="40"/>
        <location filename="../../src/xaapp/ui/labels.py" line="99"/>
        <source>Thôi hưởng</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="47"/>
        <source>Cán bộ nhập liệu</source>
        <translation>Officer</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="48"/>
        <source>Người phê duyệt</source>
        <translation>Approver</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="49"/>
        <source>Quản trị</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="55"/>
        <source>Nam</source>
        <translation>Male</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="56"/>
        <source>Nữ</source>
        <translation>Female</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="62"/>
        <source>Chủ hộ</source>
        <translation>Head of household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="63"/>
        <source>Vợ/chồng</source>
        <translation>Spouse</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="64"/>
        <source>Con</source>
        <translation>Child</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="65"/>
        <source>Bố/mẹ</source>
        <translation>Parent</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="66"/>
        <source>Cháu</source>
        <translation>Grandchild</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="67"/>
        <source>Anh/chị/em</source>
        <translation>Sibling</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="68"/>
        <source>Khác</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="80"/>
        <source>Hộ nghèo năm trước</source>
        <translation>Poor last year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="81"/>
        <source>Hộ cận nghèo năm trước</source>
        <translation>Near-poor last year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="82"/>
        <source>Hộ đề nghị rà soát</source>
        <translation>Asked to be reviewed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="83"/>
        <source>Phát sinh</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="89"/>
        <source>Chưa có phiếu</source>
        <translation>No form yet</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="90"/>
        <source>Bản nháp</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="91"/>
        <source>Đã hoàn tất</source>
        <translation>Final</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="97"/>
        <source>Bắt đầu hưởng</source>
        <translation>Started</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="100"/>
        <source>Hưởng lại</source>
        <translation>Resumed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="111"/>
        <source>Trợ cấp hưu trí xã hội</source>
        <extracomment>The code ``rules.allowance_result.SOCIAL_PENSION`` gives a line paid as the social pension.</extracomment>
        <translation>Social pension</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="112"/>
        <source>Diện {0}</source>
        <translation>Clause {0}</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="118"/>
        <source>hưởng trợ cấp hưu trí xã hội</source>
        <translation>paid the social pension</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="126"/>
        <location filename="../../src/xaapp/ui/labels.py" line="142"/>
        <source>Thôn</source>
        <translation>Village</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="127"/>
        <source>Hộ gia đình</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="128"/>
        <source>Thành viên hộ</source>
        <translation>Household member</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="129"/>
        <source>Phiếu rà soát</source>
        <translation>Review form</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="130"/>
        <source>Đối tượng bảo trợ</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="131"/>
        <source>Thay đổi trạng thái hưởng</source>
        <translation>Allowance status change</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="132"/>
        <source>Mức hưởng</source>
        <translation>Allowance</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="133"/>
        <source>Sổ người có công</source>
        <translation>Merit register</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="134"/>
        <source>Sổ trẻ em</source>
        <translation>Children register</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="143"/>
        <source>Mã xã</source>
        <translation>Commune code</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="144"/>
        <source>Tên</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="145"/>
        <source>Mã hộ</source>
        <translation>Household no.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="146"/>
        <source>Địa chỉ</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="147"/>
        <source>Khu vực</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="148"/>
        <source>Số điện thoại</source>
        <translation>Phone</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="149"/>
        <source>Hộ dân tộc thiểu số</source>
        <translation>Ethnic-minority household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="150"/>
        <source>Hộ</source>
        <translation>Household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="151"/>
        <source>Thứ tự trong hộ</source>
        <translation>Order in the household</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="152"/>
        <source>Họ và tên</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="153"/>
        <source>Tên không dấu</source>
        <translation>Name without accents</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="154"/>
        <source>Giới tính</source>
        <translation>Sex</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="155"/>
        <source>Ngày sinh</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="156"/>
        <source>Năm sinh</source>
        <translation>Year of birth</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="157"/>
        <source>Dân tộc</source>
        <translation>Ethnicity</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="158"/>
        <source>Số định danh</source>
        <translation>Personal ID</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="159"/>
        <source>Số CMND cũ</source>
        <translation>Old ID card number</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="160"/>
        <source>Quan hệ với chủ hộ</source>
        <translation>Relationship to the head</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="161"/>
        <source>Thông tin thêm của thành viên</source>
        <translation>Member details</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="162"/>
        <source>Năm rà soát</source>
        <translation>Review year</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="163"/>
        <source>Loại rà soát</source>
        <translation>Kind of review</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="164"/>
        <source>Tháng rà soát</source>
        <translation>Review month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="165"/>
        <source>Mẫu phiếu</source>
        <translation>Form</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="166"/>
        <source>Phiên bản phiếu</source>
        <translation>Form version</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="167"/>
        <source>Câu trả lời trên phiếu</source>
        <translation>Form answers</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="168"/>
        <source>Trạng thái</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="169"/>
        <source>Phân loại</source>
        <translation>Class</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="170"/>
        <source>Kết quả phân loại</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="171"/>
        <source>Ngày vào danh sách</source>
        <translation>Listed on</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="172"/>
        <source>Ngày khảo sát</source>
        <translation>Surveyed on</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="173"/>
        <source>Ngày họp thôn</source>
        <translation>Village meeting on</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="174"/>
        <source>Tỷ lệ đồng ý</source>
        <translation>Share agreeing</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="175"/>
        <source>Ngày niêm yết</source>
        <translation>Posted on</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="176"/>
        <source>Ngày công nhận</source>
        <translation>Recognised on</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="177"/>
        <source>Số quyết định</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="178"/>
        <source>Ngày quyết định</source>
        <translation>Decision date</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="179"/>
        <source>Người</source>
        <translation>Person</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="180"/>
        <source>Khoản (Điều 5)</source>
        <translation>Clause (Art. 5)</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="181"/>
        <source>Tháng bắt đầu hưởng</source>
        <translation>First month paid</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="182"/>
        <source>Số tài khoản</source>
        <translation>Account number</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="183"/>
        <source>Ngân hàng</source>
        <translation>Bank</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="184"/>
        <source>Đối tượng</source>
        <translation>Beneficiary</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="185"/>
        <source>Thay đổi</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="186"/>
        <location filename="../../src/xaapp/ui/labels.py" line="188"/>
        <source>Từ tháng</source>
        <translation>From month</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="187"/>
        <source>Lý do</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="189"/>
        <source>Mức chuẩn</source>
        <translation>Standard level</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="190"/>
        <source>Hệ số</source>
        <translation>Coefficient</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="191"/>
        <source>Số tiền</source>
        <translation>Amount</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="192"/>
        <source>Cách tính</source>
        <translation>How computed</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="193"/>
        <source>Diện</source>
        <translation>Category</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="194"/>
        <source>Nhóm</source>
        <translation>Group</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="195"/>
        <source>Đã xóa</source>
        <translation>Deleted</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="216"/>
        <source>Nông thôn</source>
        <translation>Rural</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="217"/>
        <source>Thành thị</source>
        <translation>Urban</translation>
    </message>
    <message>
        <location filename="../../src/xaapp/ui/labels.py" line="41"/>
        <source>Chưa đến tháng hưởng</source>
        <translation>Not yet started</translation>
    </message>
</context>
</TS>
