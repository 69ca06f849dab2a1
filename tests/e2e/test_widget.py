"""The web chat widget in headless Chromium (Debian's) against the real stack."""
import pathlib

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def web(stack):
    stack.start_web()
    yield stack
    stack.stop("web")


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="en-US", viewport={"width": 1024, "height": 800})
    pg = context.new_page()
    yield pg
    context.close()


def open_chat(page, url):
    page.goto(url)
    page.get_by_role("button", name="Chat with us (anonymous)").click()
    expect(page.locator(".ipw-bot").first).to_be_visible(timeout=30000)


def say(page, text):
    before = page.locator(".ipw-bot").count()
    box = page.locator("#ipw-input")  # its label changes with the language
    box.fill(text)
    box.press("Enter")
    expect(page.locator(".ipw-bot")).not_to_have_count(before, timeout=30000)
    expect(page.locator(".ipw-typing")).to_be_hidden(timeout=30000)
    return page.locator(".ipw-bot").last.inner_text()


def test_conversation_in_two_languages_with_a_button_and_tappable_numbers(web, page):
    open_chat(page, f"{web.web_origin}/")
    reply = say(page, "I need a safe place to sleep")
    assert "Veilig Thuis" in reply
    assert page.locator('a[href="tel:08002000"]').count() >= 1
    page.get_by_role("button", name="My rights").first.click()
    expect(page.locator(".ipw-bot").last).to_contain_text("rights", timeout=30000)
    page.get_by_label("Language").select_option("nl")
    expect(page.locator(".ipw-bot").last).to_contain_text("Nederlands", timeout=30000)
    assert "aangifte" in say(page, "ik wil aangifte doen")
    page.screenshot(path=str(ROOT / "docs" / "widget.png"))


def test_the_message_box_is_a_labelled_textbox(web, page):
    open_chat(page, f"{web.web_origin}/")
    expect(page.get_by_role("textbox", name="Your message")).to_be_focused()


def test_no_trace_in_local_storage_or_cookies(web, page):
    open_chat(page, f"{web.web_origin}/")
    say(page, "what are my rights")
    assert page.evaluate("localStorage.length") == 0
    assert page.context.cookies() == []
    assert page.evaluate("sessionStorage.getItem('infopunt-widget')") is not None


def test_leave_now_replaces_the_page_and_back_does_not_return(web, page):
    page.goto("about:blank")
    open_chat(page, f"{web.web_origin}/")
    page.get_by_role("button", name="Leave now").click()
    page.wait_for_url("**/neutral.html")
    assert page.evaluate("sessionStorage.getItem('infopunt-widget')") is None
    page.go_back()
    assert "neutral.html" in page.url or page.url == "about:blank"
    assert "index" not in page.url and page.url != f"{web.web_origin}/"


def test_escape_twice_leaves(web, page):
    open_chat(page, f"{web.web_origin}/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    page.wait_for_url("**/neutral.html")


def test_delete_conversation_clears_it_here_and_on_the_server(web, page):
    import sqlalchemy as sa

    open_chat(page, f"{web.web_origin}/")
    say(page, "I need a safe place to sleep")
    sender = page.evaluate("JSON.parse(sessionStorage.getItem('infopunt-widget')).sender")
    page.get_by_role("button", name="Delete conversation").click()
    expect(page.locator(".ipw-bot").last).to_contain_text("deleted")
    engine = sa.create_engine(web.env["TRACKER_STORE_URL"])
    with engine.connect() as conn:
        for _ in range(20):
            left = conn.execute(sa.text("select count(*) from events where sender_id=:s"), {"s": sender}).scalar()
            if left == 0:
                break
            page.wait_for_timeout(250)
    assert left == 0
    assert page.evaluate("JSON.parse(sessionStorage.getItem('infopunt-widget')).sender") != sender


def test_accessibility_no_serious_violations_and_320px(web, browser):
    context = browser.new_context(locale="en-US", viewport={"width": 320, "height": 640})
    page = context.new_page()
    open_chat(page, f"{web.web_origin}/")
    say(page, "what are my rights")
    box = page.locator(".ipw-panel").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 320
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})")
    serious = [(v["id"], [n["target"] for n in v["nodes"]]) for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert serious == []
    context.close()


def test_unreachable_server_shows_112_and_no_endless_spinner(web, browser, tmp_path):
    from tests.e2e.stack import Stack, free_port

    dead = Stack(tmp_path)
    dead.action_port = web.action_port
    dead.start_web(rasa_url=f"http://127.0.0.1:{free_port()}")
    context = browser.new_context(locale="nl-NL")
    page = context.new_page()
    try:
        page.goto(f"{dead.web_origin}/")
        page.get_by_role("button", name="Chat met ons (anoniem)").click()
        expect(page.locator(".ipw-bot").last).to_contain_text("112", timeout=30000)
        expect(page.locator(".ipw-typing")).to_be_hidden()
        assert "Veilig Thuis 0800-2000" in page.locator(".ipw-bot").last.inner_text()
    finally:
        context.close()
        dead.stop()
