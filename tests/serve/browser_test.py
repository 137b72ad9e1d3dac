#!/usr/bin/env python3
"""The search page in a real browser: headless Chromium (Debian chromium,
chromium-driver, python3-selenium) searches "spy balloon", opens the story's
versions and reads its timeline, clicks a facet, pages, and checks that
hostile article text ran no script. Exits 77 (CTest: skipped) with a message
where no browser is installed. NEWS_SCREENSHOT=PATH saves the result page."""
import os
import shutil
import sys
import tempfile
import unittest
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import serve_support as s  # noqa: E402

SKIP = 77
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
DRIVER = shutil.which("chromedriver") or (os.path.exists("/usr/bin/chromedriver") and "/usr/bin/chromedriver")
try:
    from selenium import webdriver
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as EC
    from selenium.webdriver.support.ui import WebDriverWait
except ImportError:
    webdriver = None


class BrowserTest(s.ServedCorpus):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        cls.profile = tempfile.mkdtemp(prefix="chromium-", dir=cls.tmp.name)
        # As root in a container: no sandbox; nothing fetched behind our back.
        for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,1100", "--user-data-dir=" + cls.profile):
            options.add_argument(flag)
        cls.browser = webdriver.Chrome(service=webdriver.ChromeService(executable_path=DRIVER), options=options) \
            if hasattr(webdriver, "ChromeService") else \
            webdriver.Chrome(service=webdriver.chrome.service.Service(executable_path=DRIVER), options=options)
        cls.wait = WebDriverWait(cls.browser, 20)

    @classmethod
    def tearDownClass(cls):
        cls.browser.quit()
        super().tearDownClass()

    def open(self, path):
        self.browser.get(self.server.url + path)

    def assert_no_script_ran(self):
        try:
            alert = self.browser.switch_to.alert
            self.fail("a script from an article ran: alert " + alert.text)
        except NoAlertPresentException:
            pass
        self.assertNotEqual(self.browser.title, "pwned")

    def test_1_search_expand_a_story_and_read_its_timeline(self):
        self.open("/")
        box = self.browser.find_element(By.NAME, "q")
        box.send_keys("spy balloon")
        box.submit()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.hit")))
        first = self.browser.find_elements(By.CSS_SELECTOR, "li.hit")[0]
        marks = [m.text.lower() for m in first.find_elements(By.CSS_SELECTOR, ".snippet mark")]
        self.assertIn("balloon", marks)
        summary = first.find_element(By.CSS_SELECTOR, "details.versions summary")
        self.assertEqual(summary.text, "3 versions")
        summary.click()
        self.wait.until(lambda b: len(first.find_elements(By.CSS_SELECTOR, "ol.timeline > li.version")) == 3)
        versions = first.find_elements(By.CSS_SELECTOR, "ol.timeline > li.version")
        dates = [v.find_element(By.CSS_SELECTOR, ".when").text for v in versions]
        # Dated first, undated after: publication order.
        seen_undated = False
        for d in dates:
            if "undated" in d:
                seen_undated = True
            else:
                self.assertFalse(seen_undated, dates)
        self.assertIn("first published", versions[0].text)
        self.assertTrue(versions[1].find_elements(By.CSS_SELECTOR, ".diff del"))
        self.assertTrue(versions[1].find_elements(By.CSS_SELECTOR, ".diff ins"))
        self.assertIn("Against version 1", versions[1].text)
        shot = os.environ.get("NEWS_SCREENSHOT")
        if shot:
            self.browser.save_screenshot(shot)
        self.assert_no_script_ran()

    def test_2_click_a_facet_then_page(self):
        self.open("/?" + urllib.parse.urlencode({"q": "said"}))
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.hit")))
        link = self.browser.find_element(By.CSS_SELECTOR, "section[data-facet=month] li a")
        month = link.text
        link.click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "a.chip")))
        self.assertIn("month: " + month, self.browser.find_element(By.CSS_SELECTOR, "a.chip").text)
        self.assertIn("month=" + month, self.browser.current_url)
        self.browser.find_element(By.CSS_SELECTOR, "a[rel=next]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits[start='11']")))
        self.assertIn("page=2", self.browser.current_url)
        self.assertIn("month=" + month, self.browser.current_url)
        self.browser.find_element(By.CSS_SELECTOR, "a[rel=prev]").click()
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "ol.hits[start='1']")))

    def test_3_hostile_articles_run_no_script(self):
        self.open("/?" + urllib.parse.urlencode({"q": "lantern"}))
        self.wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "li.hit")))
        self.assert_no_script_ran()
        titles = [h.text for h in self.browser.find_elements(By.CSS_SELECTOR, "li.hit h3")]
        self.assertTrue(any("<script>alert('title')</script>" in t for t in titles), titles)
        self.assertFalse(self.browser.find_elements(By.CSS_SELECTOR, "li.hit img, li.hit iframe"))


if __name__ == "__main__":
    missing = [name for name, found in (("chromium", CHROMIUM), ("chromedriver (chromium-driver)", DRIVER),
                                        ("python3-selenium", webdriver)) if not found]
    if missing:
        print("SKIPPED: no browser to drive: %s not installed (scripts/install-deps --browser)" % ", ".join(missing))
        sys.exit(SKIP)
    unittest.main(verbosity=2)
