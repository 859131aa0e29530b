"""Browser tests: Playwright driving the system's Chromium against a live Django server.

Fixtures:

- ``reader_url``: the base URL of a live server (pytest-django's ``live_server``) holding the
  demo content (English) and a superuser ``admin``/``admin``; the reader is at ``/``.
- ``browser``: one headless Chromium for the whole session (``/usr/bin/chromium``, or
  ``$CHROMIUM``). Never a downloaded browser: ``playwright install`` is not used.
- ``page``: a fresh browser context and page per test. When a test fails, a screenshot, the
  page's HTML and its console messages are written to ``test-artifacts/browser/<test-name>/``
  and the folder is named in the test's report.
- ``admin_page``: a ``page`` logged into ``/admin/`` as ``admin``.
- ``demo_article``: the seed article ``reader_url`` serves, for checking what the server stored.

Without Chromium (or the ``playwright`` package) the tests skip with the reason, except under CI
(``CI`` set), where they fail: CI must run them.
"""

import os
import re
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "browser"
# Long enough for a loaded CI machine, short enough that a missing element fails fast.
TIMEOUT_MS = 10_000

PAGE_KEY = pytest.StashKey["object"]()
CONSOLE_KEY = pytest.StashKey[list]()


def pytest_collection_modifyitems(items):
    """Mark the browser tests, and run them last: each leaves the database empty (flushed after
    a live-server test), which later transactional tests that expect what migrations created
    (tests/community/test_concurrency.py) would trip over."""
    here = Path(__file__).parent
    browser_tests = [item for item in items if here in Path(str(item.path)).parents]
    for item in browser_tests:
        item.add_marker(pytest.mark.browser)
    others = [item for item in items if item not in browser_tests]
    items[:] = others + browser_tests


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI must run the browser tests: apt-get install chromium)")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        _unavailable(f"no Chromium at {CHROMIUM} (apt-get install chromium, or set $CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed (pip install -e '.[dev]')")

    # Playwright's sync API runs an asyncio event loop in this thread, and Django refuses
    # database access from a thread with a running loop. The tests themselves are synchronous.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from django.db import connections

    # With that loop running, Django keeps this thread's connections in a context variable
    # instead of a thread local: new connection objects, without the snapshot of the migrated
    # database that serialized rollback restores. Hand the snapshot over.
    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if hasattr(connection, "_test_serialized_contents")
    }
    try:
        with sync_playwright() as playwright:
            for alias, snapshot in snapshots.items():
                connections[alias]._test_serialized_contents = snapshot
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def reader_url(live_server, django_db_serialized_rollback, settings, django_user_model):
    """The live server's base URL (no trailing slash), with the demo content and an admin.

    Serialized rollback restores what migrations created (the root page, locales) before each
    test, since a live server needs committed data and the flush after each test removes it.
    """
    from demo.content import load_demo_content

    # A reader answers in seconds; the test in milliseconds. Comments posted faster than the
    # "too fast" spam check allows would be stored as spam: let the tests post at once.
    settings.COMMUNITY = {**settings.COMMUNITY, "FORM_MIN_AGE": 0}
    load_demo_content(translations=False)
    django_user_model.objects.create_superuser("admin", "admin@example.org", "admin")
    return live_server.url


@pytest.fixture
def demo_article(reader_url):
    """The seed article (English) that ``reader_url`` serves."""
    from demo.content import ARTICLE
    from pages.models import ArticlePage

    return ArticlePage.objects.get(slug=ARTICLE["slug"], locale__language_code="en")


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    new_page = context.new_page()
    console: list[str] = []
    new_page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    new_page.on("pageerror", lambda error: console.append(f"pageerror: {error}"))
    request.node.stash[PAGE_KEY] = new_page
    request.node.stash[CONSOLE_KEY] = console
    yield new_page
    context.close()


@pytest.fixture
def admin_page(page, reader_url):
    page.goto(f"{reader_url}/admin/login/")
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill("admin")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    return page


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed and report.when in {"setup", "call"} and PAGE_KEY in item.stash:
        folder = _save_artifacts(item)
        report.sections.append(("browser artifacts", f"screenshot and HTML in {folder}"))
    return report


def _save_artifacts(item) -> Path:
    folder = ARTIFACTS / re.sub(r"[^A-Za-z0-9_.-]+", "_", item.name)
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    page = item.stash[PAGE_KEY]
    lines = [f"url: {page.url}", *item.stash.get(CONSOLE_KEY, [])]
    try:
        page.screenshot(path=str(folder / "screenshot.png"), full_page=True)
        (folder / "page.html").write_text(page.content(), encoding="utf-8")
    except Exception as error:  # a crashed page still leaves its URL and console behind
        lines.append(f"could not capture the page: {error}")
    (folder / "console.log").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


# axe-core (from npm, frontend_contract/node_modules): serious and critical violations fail.
AXE = (
    Path(__file__).resolve().parents[2]
    / "frontend_contract"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)
BLOCKING_IMPACTS = {"serious", "critical"}


@pytest.fixture
def axe():
    if not AXE.exists():
        reason = f"no {AXE} (npm ci --prefix frontend_contract)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)

    def blocking_violations(page, selector: str | None = None) -> list[str]:
        """Run axe-core on the page (or the element at ``selector``); describe each serious
        or critical violation with the elements it found."""
        page.add_script_tag(path=str(AXE))
        results = page.evaluate(
            """async (selector) => axe.run(
                selector ? document.querySelector(selector) : document,
                { resultTypes: ["violations"] },
            )""",
            selector,
        )
        assert results["passes"], "axe-core checked nothing"
        return [
            f"{violation['impact']} {violation['id']}: {violation['help']} "
            f"{[node['target'] for node in violation['nodes']]}"
            for violation in results["violations"]
            if violation["impact"] in BLOCKING_IMPACTS
        ]

    return blocking_violations
