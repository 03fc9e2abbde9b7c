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


def chromium(tmp_path):  # noqa: ANN001, ANN201
    """Debian's chromium, headless, with JavaScript switched off, through its driver."""
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,900"):  # fmt: skip
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"profile.managed_default_content_settings.javascript": 2})
    return webdriver.Chrome(options=options, service=Service(executable_path=DRIVER))


def settled(driver, check, timeout: float = 15):  # noqa: ANN001, ANN201
    """Wait until *check(driver)* holds on the page a click loads: while the old page is still shown, or
    is being replaced (its nodes gone stale), the check is tried again."""
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    def attempt(d):  # noqa: ANN001, ANN202
        try:
            return check(d)
        except (WebDriverException, AssertionError):  # stale or missing nodes of a page in between
            return False

    return WebDriverWait(driver, timeout).until(attempt)


def click(driver, by: str, what: str) -> None:  # noqa: ANN001
    """Click an element once the page shows it; tried again while the page is being replaced (a click
    on a node that went stale meanwhile raises, and is retried on the new page)."""
    settled(driver, lambda d: d.find_element(by, what).click() or True)


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium or chromium-driver is not installed")
def test_a_browser_without_javascript_logs_in_and_opens_a_commune(live_server: LiveServer, tmp_path) -> None:
    from selenium.webdriver.common.by import By

    enrolled = HttpTransport(live_server.url).enroll(live_server.issue_code(B), "laptop B")
    b = fill_commune_b(live_server.url, enrolled.token)
    add_accounts(live_server.engine)
    driver = chromium(tmp_path)
    try:
        driver.get(f"{live_server.url}/console/communes/{B}")
        assert "/console/login" in driver.current_url  # not signed in yet
        driver.find_element(By.NAME, "username").send_keys("sup_b")
        driver.find_element(By.NAME, "password").send_keys("mật khẩu dài 2026")
        driver.find_element(By.CSS_SELECTOR, "form.box button[type=submit]").click()
        settled(driver, lambda d: d.current_url.endswith(f"/console/communes/{B}"))  # back where it was going
        settled(driver, lambda d: "Phường Quảng Phú" in d.find_element(By.TAG_NAME, "h1").text)
        click(driver, By.LINK_TEXT, "Tổ dân phố 1")
        row = settled(driver, lambda d: d.find_element(By.CSS_SELECTOR, "table.grid tbody tr").text)
        assert "Lê Thị Hoa" in row and "038•••••1234" in row and "Hộ nghèo" in row
        click(driver, By.LINK_TEXT, "Lê Thị Hoa")
        settled(driver, lambda d: b.personal_id in d.page_source)  # a supervisor of B sees the full ID here
        click(driver, By.LINK_TEXT, "English")
        settled(driver, lambda d: "Members" in d.page_source and "History of synced revisions" in d.page_source)
        driver.get(f"{live_server.url}/console/communes")
        settled(driver, lambda d: d.find_element(By.TAG_NAME, "h1").text.startswith("Communes"))  # English remembered
    finally:
        driver.quit()


@pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="chromium or chromium-driver is not installed")
def test_a_supervisor_approves_a_village_then_returns_a_household_in_the_browser(
    live_server: LiveServer, tmp_path
) -> None:
    """The review loop as a supervisor does it, without JavaScript: the commune's progress, approving a
    village (with its confirmation page), returning a household with a comment, which withdraws the
    village's approval."""
    from selenium.webdriver.common.by import By

    enrolled = HttpTransport(live_server.url).enroll(live_server.issue_code(B), "laptop B")
    fill_commune_b(live_server.url, enrolled.token)
    add_accounts(live_server.engine)
    driver = chromium(tmp_path)
    try:
        driver.get(f"{live_server.url}/console/communes/{B}?year=2026")
        driver.find_element(By.NAME, "username").send_keys("sup_b")
        driver.find_element(By.NAME, "password").send_keys("mật khẩu dài 2026")
        driver.find_element(By.CSS_SELECTOR, "form.box button[type=submit]").click()
        village = "//tr[td/a[text()='Tổ dân phố 1']]"
        progress = settled(driver, lambda d: [c.text for c in d.find_element(By.XPATH, village).find_elements(By.CSS_SELECTOR, "td.n")])  # fmt: skip
        assert progress[:3] == ["1", "1", "1"]  # households, surveyed, final

        click(driver, By.XPATH, village + "//button[contains(., 'Duyệt thôn này')]")
        settled(driver, lambda d: "Duyệt danh sách năm 2026" in d.find_element(By.TAG_NAME, "h1").text)  # asks again
        click(driver, By.XPATH, "//button[contains(., 'Xác nhận duyệt')]")
        settled(driver, lambda d: "Đã duyệt" in d.find_element(By.XPATH, village + "/td[@class='approval']").text)

        click(driver, By.LINK_TEXT, "Tổ dân phố 1")
        click(driver, By.LINK_TEXT, "Lê Thị Hoa")
        comment = settled(driver, lambda d: d.find_element(By.NAME, "comment"))
        comment.send_keys("Thu nhập bình quân chưa khớp với phiếu B; xem lại.")
        click(driver, By.XPATH, "//form[@class='return-form']//button")
        returned = "//tr[td[@class='return-state']]"
        settled(driver, lambda d: "chờ xã đồng bộ" in d.find_element(By.XPATH, returned + "/td[@class='return-state']").text)  # fmt: skip
        settled(driver, lambda d: "Thu nhập bình quân chưa khớp" in d.find_element(By.XPATH, returned + "/td[@class='reason']").text)  # fmt: skip

        driver.get(f"{live_server.url}/console/communes/{B}?year=2026")
        approval = settled(driver, lambda d: d.find_element(By.XPATH, village + "/td[@class='approval']").text)
        assert "Đã duyệt" not in approval  # withdrawn by the return
    finally:
        driver.quit()
