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
