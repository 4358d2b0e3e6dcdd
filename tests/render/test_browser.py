"""The HTML report in a real headless Chromium: it renders, links work, nothing loads or errs.

Skipped only when Debian's chromium or its chromedriver is missing. The driver is
always given explicitly, so Selenium Manager never tries to download one.
"""

from __future__ import annotations

import base64
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import EXAMPLE, EXAMPLE_AS_OF, REPO
from agent.testing import writer as w

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = REPO / "test-artifacts"
HEADINGS = ["Bio", "Research trajectory", "Lines of work", "Papers", "References"]


@pytest.fixture
def driver(tmp_path: Path) -> Iterator[object]:
    """A headless Chromium with no network habits of its own, closed after the test."""
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        pytest.skip(f"{', '.join(missing)} not found; install the Debian packages "
                    "`chromium chromium-driver` to run the browser test")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    opts = webdriver.ChromeOptions()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900",
                f"--user-data-dir={tmp_path / 'chrome'}"):
        opts.add_argument(arg)
    # The browser log shows console errors (a CSP violation is one); the performance log
    # shows every request the page makes.
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    drv = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    try:
        yield drv
    finally:
        drv.quit()


def test_report_page_in_chromium(run_cli, fake_model, tmp_path, driver) -> None:
    from selenium.webdriver.common.by import By

    fake_model.set_default(w.writer())
    page = tmp_path / "report.html"
    result = run_cli("report", str(EXAMPLE), "--as-of", EXAMPLE_AS_OF.isoformat(),
                     "--base-url", fake_model.base_url, "--model", "fake-model",
                     "--cache-dir", str(tmp_path / "cache"), "--html", str(page))
    assert result.code == 0, result.stderr
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(page, ARTIFACTS / "report.html")

    driver.get(page.as_uri())
    assert driver.title == "Zewen Chi: research report"

    figure = driver.find_element(By.CSS_SELECTOR, "figure#timeline svg")
    assert figure.is_displayed()
    assert figure.size["width"] > 300 and figure.size["height"] > 150

    headings = driver.find_elements(By.CSS_SELECTOR, "main h2")
    assert [h.text for h in headings] == HEADINGS
    assert all(h.is_displayed() for h in headings)
    # 2019–2021, 2022–2024 and 2025–2026: the phases of the example
    assert len(driver.find_elements(By.CSS_SELECTOR, "#trajectory h3")) == 3
    assert len(driver.find_elements(By.CSS_SELECTOR, "#papers tbody tr")) == 36

    # A citation in the bio jumps to its reference, far down the page.
    cite = driver.find_element(By.CSS_SELECTOR, "#bio .cite a")
    target = cite.get_attribute("href").split("#", 1)[1]
    cite.click()
    assert driver.execute_script("return location.hash") == f"#{target}"
    box = driver.execute_script(
        "const r = document.getElementById(arguments[0]).getBoundingClientRect();"
        "return {top: r.top, bottom: r.bottom, height: innerHeight, scrolled: scrollY};", target)
    assert box["scrolled"] > 1000
    assert 0 <= box["top"] < box["height"] and box["bottom"] > 0
    reference = driver.find_element(By.ID, target)
    assert reference.text.startswith(f"[{cite.text}]")

    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []
    requests = [json.loads(e["message"])["message"] for e in driver.get_log("performance")]
    # Only the page's own requests: the browser's new-tab page loads chrome:// resources.
    urls = [m["params"]["request"]["url"] for m in requests
            if m["method"] == "Network.requestWillBeSent"
            and m["params"].get("documentURL") == page.as_uri()]
    assert urls == [page.as_uri()]

    png = ARTIFACTS / "report.png"
    png.write_bytes(_full_page_png(driver))
    assert png.stat().st_size > 50_000
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_index_page_links_to_a_report_in_chromium(run_cli, fake_model, tmp_path,
                                                  driver) -> None:
    """A batch's index, beside a real report whose file name needs percent-encoding."""
    from selenium.webdriver.common.by import By

    from agent.batch import BatchSummary, ProfileRun, RunStatus
    from agent.render_html import batch_index_html

    fake_model.set_default(w.writer())
    name = "Zewen Chí #1?"  # a space, a fragment, a query, non-ASCII: all must be encoded
    out = tmp_path / "out"
    out.mkdir()
    result = run_cli("report", str(EXAMPLE), "--as-of", EXAMPLE_AS_OF.isoformat(),
                     "--base-url", fake_model.base_url, "--model", "fake-model",
                     "--cache-dir", str(tmp_path / "cache"), "--html", str(out / f"{name}.html"))
    assert result.code == 0, result.stderr
    run = ProfileRun(file=f"{name}.bib", name=name, status=RunStatus.WRITTEN,
                     owner="Zewen Chi", papers=36, outputs=[f"{name}.html"])
    index = out / "index.html"
    index.write_text(batch_index_html(BatchSummary(
        directory="in", output=str(out), model="fake-model", runs=[run])), encoding="utf-8")

    driver.get(index.as_uri())
    assert driver.title == "Research reports: 1 profile"
    assert len(driver.find_elements(By.CSS_SELECTOR, "tbody tr")) == 1
    driver.find_element(By.LINK_TEXT, "Zewen Chi").click()
    assert driver.title == "Zewen Chi: research report"
    assert driver.current_url == (out / f"{name}.html").as_uri()

    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert errors == []


def _full_page_png(driver: object) -> bytes:
    """The whole page, not only the window, through the DevTools protocol."""
    size = driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]  # type: ignore
    shot = driver.execute_cdp_cmd("Page.captureScreenshot", {  # type: ignore[attr-defined]
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}})
    return base64.b64decode(shot["data"])
