"""The web console (issue 18, item 1) in a real browser: headless Chromium (Debian's `chromium` and
`chromium-driver`) driven by Selenium.

What the issue asks of it is the expectation: pages load without console errors; a statement run
through boto3 shows up in the open page without a reload; a cancel from the page aborts a running
statement (ABORTED, as CancelStatement leaves it: Redshift Data API Reference, CancelStatement and
DescribeStatement's Status); a cancel of a PostgreSQL connection's statement reaches the client as
PostgreSQL's query_canceled (57014, errcodes-appendix); the SQL editor runs as the user it names, so
an RLS policy (Developer Guide t_rls, CREATE RLS POLICY's `tenant = current_user` example) shows each
tenant its own rows; with verify_signatures the console needs the token printed at start.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
import requests
from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.chrome.service import Service as ChromeService
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import emulatord_bin, make_big_table, make_client, run, run_ok, wait

SCREENSHOTS = os.environ.get("CONSOLE_SCREENSHOTS")   # a directory: save a PNG of each page there


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"):
        options.add_argument(argument)
    options.binary_location = shutil.which("chromium") or "/usr/bin/chromium"
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=ChromeService(executable_path=shutil.which("chromedriver") or "/usr/bin/chromedriver"),
                              options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def wlm_file():
    directory = tempfile.mkdtemp(prefix="console-wlm-")
    path = os.path.join(directory, "wlm.json")
    with open(path, "w") as f:
        json.dump([{"query_concurrency": 2}], f)
    return path


@pytest.fixture(scope="module")
def console_server(make_server_module, wlm_file):
    return make_server_module(extra_args=["--wlm", wlm_file], name="emulatord (console)")


def target():
    return {"ClusterIdentifier": f"console-{uuid.uuid4().hex[:8]}", "Database": "dev", "DbUser": "awsuser"}


def errors_in(browser) -> list:
    return [entry for entry in browser.get_log("browser") if entry["level"] == "SEVERE"]


def open_view(browser, server, view: str):
    browser.get("about:blank")   # a fresh page: the same URL with another hash would not reload
    browser.get(f"{server.url}/console#/{view}")
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, f"view-{view.split('/')[0]}").is_displayed())


def click(browser, find, timeout: float = 10):
    """Clicks what `find` returns once it is there; a row re-rendered between finding and clicking
    is found again."""
    WebDriverWait(browser, timeout, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda d: find(d).click() is None)


def screenshot(browser, name: str):
    if SCREENSHOTS:
        os.makedirs(SCREENSHOTS, exist_ok=True)
        browser.save_screenshot(os.path.join(SCREENSHOTS, f"console-{name}.png"))


def test_every_page_loads_without_console_errors(browser, console_server):
    client = make_client(console_server.url)
    run_ok(client, "select 1", **target())
    browser.get_log("browser")   # start clean
    for view in ("statements", "sessions", "wlm", "sql", "report"):
        open_view(browser, console_server, view)
        time.sleep(0.7)   # one poll at least
        assert browser.find_element(By.ID, "live").get_attribute("class") != "stale", view
        assert errors_in(browser) == [], view
        screenshot(browser, view)
    weight = sum(len(requests.get(f"{console_server.url}{path}", timeout=10).content)
                 for path in ("/console", "/console/assets/console.js", "/console/assets/console.css"))
    print(f"console page weight: {weight} bytes")
    assert weight < 100_000


def test_a_boto3_statement_shows_up_in_the_open_page(browser, console_server):
    client, where = make_client(console_server.url), target()
    open_view(browser, console_server, "statements")
    marker = f"marker-{uuid.uuid4().hex[:8]}"
    started = time.monotonic()
    done = run_ok(client, f"select '{marker}' as m", **where)
    ended = time.monotonic()
    row = WebDriverWait(browser, 10, poll_frequency=0.02).until(
        lambda d: d.find_element(By.CSS_SELECTOR, f"#ended tbody tr[data-id='{done['Id']}']"))
    seen = time.monotonic()
    row = browser.find_element(By.CSS_SELECTOR, f"#ended tbody tr[data-id='{done['Id']}']")
    print(f"console: statement visible {1000 * (seen - ended):.0f} ms after DescribeStatement said FINISHED "
          f"({1000 * (seen - started):.0f} ms after ExecuteStatement)")
    assert marker in row.text and "FINISHED" in row.text and "data-api" in row.text
    click(browser, lambda d: d.find_element(By.CSS_SELECTOR, f"#ended tbody tr[data-id='{done['Id']}']"))
    WebDriverWait(browser, 10).until(lambda d: d.find_element(By.ID, "detail-sql").text == f"select '{marker}' as m")
    assert browser.find_element(By.ID, "detail-status").text == "FINISHED"
    assert marker in browser.find_element(By.ID, "detail-sqlite").text
    screenshot(browser, "statement")
    assert errors_in(browser) == []


def test_filters_narrow_the_list(browser, console_server):
    client, where = make_client(console_server.url), target()
    marker = uuid.uuid4().hex[:8]
    mine = run_ok(client, f"select 'f-{marker}'", **where)
    other = run(client, f"select * from missing_{marker}", **where)
    assert other["Status"] == "FAILED"
    open_view(browser, console_server, "statements")
    browser.find_element(By.NAME, "text").send_keys(marker)
    Select(browser.find_element(By.CSS_SELECTOR, "#filters select[name=status]")).select_by_visible_text("FAILED")
    WebDriverWait(browser, 10).until(
        lambda d: [r.get_attribute("data-id") for r in d.find_elements(By.CSS_SELECTOR, "#ended tbody tr")] == [other["Id"]])
    assert mine["Id"] not in browser.page_source


def test_cancel_from_the_page_aborts_a_running_statement(browser, console_server):
    client, where = make_client(console_server.url), target()
    long_sql = make_big_table(client, **where)
    statement = client.execute_statement(Sql=long_sql, **where)
    open_view(browser, console_server, "statements")
    click(browser, lambda d: d.find_element(By.CSS_SELECTOR, f"#running tbody tr[data-id='{statement['Id']}'] button.cancel"))
    assert wait(client, statement["Id"], timeout=30)["Status"] == "ABORTED"
    assert errors_in(browser) == []


def test_cancel_of_a_connections_statement_from_the_sessions_page(browser, console_server):
    client, where = make_client(console_server.url), target()
    connection = psycopg2.connect(host=console_server.pg_host, port=console_server.pg_port, user="awsuser",
                                  password="any", dbname="dev", sslmode="disable", connect_timeout=10)
    connection.autocommit = True
    outcome = {}
    with connection.cursor() as cursor:
        cursor.execute("create temp table ten (i int)")
        cursor.execute("insert into ten values (0),(1),(2),(3),(4),(5),(6),(7),(8),(9)")

    def long_query():
        try:
            with connection.cursor() as cursor:
                cursor.execute("select count(*) from ten a, ten b, ten c, ten d, ten e, ten f, ten g, ten h, ten i, ten j")
                outcome["rows"] = cursor.fetchall()
        except psycopg2.Error as error:
            outcome["code"] = error.pgcode
    worker = threading.Thread(target=long_query)
    worker.start()
    try:
        open_view(browser, console_server, "sessions")
        def busy_row(d):
            rows = [r for r in d.find_elements(By.CSS_SELECTOR, "#sessions tbody tr") if "postgresql" in r.text and "ten a" in r.text]
            if not rows:
                raise NoSuchElementException("no busy PostgreSQL session yet")
            return rows[0].find_element(By.CSS_SELECTOR, "button.cancel")
        WebDriverWait(browser, 10, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(busy_row)
        screenshot(browser, "sessions-busy")
        click(browser, busy_row)
        worker.join(30)
        assert not worker.is_alive()
        assert outcome.get("code") == "57014", outcome
    finally:
        connection.close()


def test_sql_editor_shows_rls_isolating_two_tenants(browser, console_server):
    client, where = make_client(console_server.url), target()
    for sql in [
        "create table orders (id int, tenant varchar(10), amount int)",
        "insert into orders values (1, 'alice', 10), (2, 'bob', 20), (3, 'alice', 30)",
        "create user alice password disable", "create user bob password disable",
        "grant select on orders to alice, bob",
        "create rls policy own with (tenant varchar(10)) using (tenant = current_user)",
        "attach rls policy own on orders to public",
        "alter table orders row level security on",
    ]:
        run_ok(client, sql, **where)
    open_view(browser, console_server, "sql")
    for pane, user in (("pane-a", "alice"), ("pane-b", "bob")):
        form = browser.find_element(By.ID, pane)
        WebDriverWait(browser, 10).until(lambda d: form.find_elements(By.NAME, "cluster"))
        for name, value in (("cluster", where["ClusterIdentifier"]), ("user", user),
                            ("sql", "select id, tenant, amount from orders order by id")):
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    def rows(pane):
        return [[c.text for c in r.find_elements(By.TAG_NAME, "td")]
                for r in browser.find_elements(By.CSS_SELECTOR, f"#{pane} .result tbody tr")]
    WebDriverWait(browser, 10).until(lambda d: rows("pane-a") and rows("pane-b"))
    assert rows("pane-a") == [["1", "alice", "10"], ["3", "alice", "30"]]
    assert rows("pane-b") == [["2", "bob", "20"]]
    header = browser.find_element(By.CSS_SELECTOR, "#pane-a .result thead").text
    assert "int4" in header and "varchar" in header
    screenshot(browser, "sql")
    # The page's statements carry the door `console` and the policy that applied.
    statements = requests.get(f"{console_server.url}/console/api/statements?door=console&user=bob", timeout=10).json()["ended"]
    detail = requests.get(f"{console_server.url}/console/api/statements/{statements[0]['id']}", timeout=10).json()
    assert detail["rowLevelSecurity"] == ["public.orders: own"]


def test_wlm_page_charts_each_queue(browser, console_server):
    client, where = make_client(console_server.url), target()
    run_ok(client, "select 1", **where)
    open_view(browser, console_server, "wlm")

    def charted(d):
        titles = [h.text for h in d.find_elements(By.CSS_SELECTOR, "#wlm .chart h2")]
        return any(where["ClusterIdentifier"] in t and "Default queue" in t and "of 2" in t for t in titles)
    WebDriverWait(browser, 10).until(charted)
    assert browser.find_elements(By.CSS_SELECTOR, "#wlm svg polyline[data-series=inUse]")
    screenshot(browser, "wlm")


def test_a_replay_report_opens_in_the_console(browser, console_server, tmp_path):
    from conftest import Server
    recording = tmp_path / "recording.jsonl"
    recorder = Server(extra_args=["--record", str(recording)], name="emulatord (record)").start()
    try:
        client = make_client(recorder.url)
        for i in range(3):
            run_ok(client, f"select {i}", ClusterIdentifier="report-c1", Database="dev", DbUser="awsuser")
    finally:
        recorder.stop()
        recorder.cleanup()
    report = tmp_path / "report.html"
    compare = subprocess.run([str(emulatord_bin()), "compare", str(recording), str(recording), "--format", "html",
                              "--out", str(report)], capture_output=True, text=True, timeout=60)
    assert report.exists(), compare.stderr
    open_view(browser, console_server, "report")
    browser.find_element(By.NAME, "path").send_keys(str(report))
    browser.find_element(By.CSS_SELECTOR, "#report-form button").click()
    WebDriverWait(browser, 10).until(lambda d: "report?path=" in (d.find_element(By.ID, "report").get_attribute("src") or ""))
    browser.switch_to.frame(browser.find_element(By.ID, "report"))
    WebDriverWait(browser, 10).until(lambda d: d.execute_script("return document.title") == "emulatord compare")
    browser.switch_to.default_content()
    # Any other file is refused.
    not_a_report = tmp_path / "other.html"
    not_a_report.write_text("<html><title>x</title></html>")
    answer = requests.get(f"{console_server.url}/console/api/report", params={"path": str(not_a_report)}, timeout=10)
    assert answer.status_code == 400
    assert requests.get(f"{console_server.url}/console/api/report", params={"path": "/etc/passwd"}, timeout=10).status_code == 404


def test_with_signatures_the_console_needs_the_printed_token(make_server):
    config = {"verify_signatures": True, "credentials": {"AKIDEXAMPLE": "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"}}
    server = make_server(config=config)
    deadline = time.monotonic() + 10
    token = None
    while token is None and time.monotonic() < deadline:
        found = re.search(r"emulatord console: http://\S+/console\?token=(\w+)", server.stderr_tail())
        token = found.group(1) if found else None
        time.sleep(0.05)
    assert token, server.stderr_tail()
    assert requests.get(f"{server.url}/console", timeout=10).status_code == 401
    assert requests.get(f"{server.url}/console/api/statements", timeout=10).status_code == 401
    assert requests.get(f"{server.url}/console/api/statements", params={"token": "wrong"}, timeout=10).status_code == 401
    session = requests.Session()
    page = session.get(f"{server.url}/console", params={"token": token}, timeout=10)
    assert page.status_code == 200 and "emulatord console" in page.text
    assert session.get(f"{server.url}/console/api/statements", timeout=10).status_code == 200   # the cookie
    faults = f"{server.url}/admin/faults"
    assert requests.put(faults, data="[]", timeout=10).status_code == 401
    assert requests.put(faults, data="[]", headers={"Authorization": f"Bearer {token}"}, timeout=10).status_code == 200


def test_a_non_loopback_listener_without_signatures_warns(make_server):
    server = make_server(extra_args=["--host", "0.0.0.0"])
    deadline = time.monotonic() + 10
    while "warning" not in server.stderr_tail() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "without verify_signatures" in server.stderr_tail()
