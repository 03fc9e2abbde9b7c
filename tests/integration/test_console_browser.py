"""A real browser with JavaScript switched off (Debian's chromium, headless, driven by Selenium) logs in,
opens a commune, a village and a household, and switches to English. Skipped, with the reason, when
chromium, its driver (``apt-get install chromium chromium-driver``) or selenium are not installed.
"""

from __future__ import annotations

import shutil

import pytest

from support.console_env import B, add_accounts, fill_commune_b
from support.sync_env import LiveServer
from xaapp.sync.transport_http import HttpTransport

pytestmark = pytest.mark.integration
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (dev extra)")

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver")


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium or chromium-driver is not installed")
def test_a_browser_without_javascript_logs_in_and_opens_a_commune(live_server: LiveServer, tmp_path) -> None:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    enrolled = HttpTransport(live_server.url).enroll(live_server.issue_code(B), "laptop B")
    b = fill_commune_b(live_server.url, enrolled.token)
    add_accounts(live_server.engine)
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(5)  # each click loads a new page; look for its elements once it is there
    try:
        driver.get(f"{live_server.url}/console/communes/{B}")
        assert "/console/login" in driver.current_url  # not signed in yet
        driver.find_element(By.NAME, "username").send_keys("sup_b")
        driver.find_element(By.NAME, "password").send_keys("mật khẩu dài 2026")
        driver.find_element(By.CSS_SELECTOR, "form.box button[type=submit]").click()
        assert driver.current_url.endswith(f"/console/communes/{B}")  # back where it was going
        assert "Phường Quảng Phú" in driver.find_element(By.TAG_NAME, "h1").text
        driver.find_element(By.LINK_TEXT, "Tổ dân phố 1").click()
        row = driver.find_element(By.CSS_SELECTOR, "table.grid tbody tr").text
        assert "Lê Thị Hoa" in row and "038•••••1234" in row and "Hộ nghèo" in row
        driver.find_element(By.LINK_TEXT, "Lê Thị Hoa").click()
        assert b.personal_id in driver.page_source  # a supervisor of B sees the full ID here
        driver.find_element(By.LINK_TEXT, "English").click()
        assert "Members" in driver.page_source and "History of synced revisions" in driver.page_source
        driver.get(f"{live_server.url}/console/communes")
        assert driver.find_element(By.TAG_NAME, "h1").text.startswith("Communes")  # English remembered
    finally:
        driver.quit()


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium or chromium-driver is not installed")
def test_a_supervisor_approves_a_village_then_returns_a_household_in_the_browser(
    live_server: LiveServer, tmp_path
) -> None:
    """The review loop as a supervisor does it, without JavaScript: the commune's progress, approving a
    village (with its confirmation page), returning a household with a comment, which withdraws the
    village's approval."""
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    enrolled = HttpTransport(live_server.url).enroll(live_server.issue_code(B), "laptop B")
    fill_commune_b(live_server.url, enrolled.token)
    add_accounts(live_server.engine)
    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))
    driver.implicitly_wait(5)  # each click loads a new page; look for its elements once it is there
    try:
        driver.get(f"{live_server.url}/console/communes/{B}?year=2026")
        driver.find_element(By.NAME, "username").send_keys("sup_b")
        driver.find_element(By.NAME, "password").send_keys("mật khẩu dài 2026")
        driver.find_element(By.CSS_SELECTOR, "form.box button[type=submit]").click()
        row = driver.find_element(By.XPATH, "//tr[td/a[text()='Tổ dân phố 1']]")
        assert [c.text for c in row.find_elements(By.CSS_SELECTOR, "td.n")][:3] == ["1", "1", "1"]  # progress

        row.find_element(By.XPATH, ".//button[contains(., 'Duyệt thôn này')]").click()
        assert "Duyệt danh sách năm 2026" in driver.find_element(By.TAG_NAME, "h1").text  # asks once more
        driver.find_element(By.XPATH, "//button[contains(., 'Xác nhận duyệt')]").click()
        row = driver.find_element(By.XPATH, "//tr[td/a[text()='Tổ dân phố 1']]")
        assert "Đã duyệt" in row.find_element(By.CSS_SELECTOR, "td.approval").text

        row.find_element(By.LINK_TEXT, "Tổ dân phố 1").click()
        driver.find_element(By.LINK_TEXT, "Lê Thị Hoa").click()
        driver.find_element(By.NAME, "comment").send_keys("Thu nhập bình quân chưa khớp với phiếu B; xem lại.")
        driver.find_element(By.XPATH, "//form[@class='return-form']//button").click()
        returned = driver.find_element(By.XPATH, "//tr[td[@class='return-state']]")
        assert "chờ xã đồng bộ" in returned.find_element(By.CSS_SELECTOR, "td.return-state").text
        assert "Thu nhập bình quân chưa khớp" in returned.find_element(By.CSS_SELECTOR, "td.reason").text

        driver.get(f"{live_server.url}/console/communes/{B}?year=2026")
        row = driver.find_element(By.XPATH, "//tr[td/a[text()='Tổ dân phố 1']]")
        assert "Đã duyệt" not in row.find_element(By.CSS_SELECTOR, "td.approval").text  # withdrawn by the return
    finally:
        driver.quit()
