"""CREATE / REFRESH / DROP MATERIALIZED VIEW through the Data API, with the `tickets_mv` example of
materialized-view-create-sql-command over a few TICKIT rows: the view keeps its rows until REFRESH,
ListTables shows it (as a table), and DROP MATERIALIZED VIEW removes it."""

from conftest import query, run, run_ok

SETUP = [
    "CREATE TABLE category (catid SMALLINT, catgroup VARCHAR(10))",
    "CREATE TABLE event (eventid INT, catid SMALLINT)",
    "CREATE TABLE sales (salesid INT, eventid INT, qtysold SMALLINT)",
    "INSERT INTO category VALUES (1, 'Sports'), (2, 'Shows')",
    "INSERT INTO event VALUES (10, 1), (20, 2), (21, 2)",
    "INSERT INTO sales VALUES (100, 10, 4), (101, 20, 2), (102, 21, 3)",
]

CREATE = """CREATE MATERIALIZED VIEW tickets_mv BACKUP NO AUTO REFRESH NO AS
    select   catgroup,
    sum(qtysold) as sold
    from     category c, event e, sales s
    where    c.catid = e.catid
    and      e.eventid = s.eventid
    group by catgroup"""


def test_create_refresh_drop(client, target):
    for sql in SETUP:
        run_ok(client, sql, **target)
    run_ok(client, CREATE, **target)
    assert query(client, "SELECT catgroup, sold FROM tickets_mv ORDER BY 1", **target) == [["Shows", 5], ["Sports", 4]]
    run_ok(client, "INSERT INTO sales VALUES (103, 10, 6)", **target)
    assert query(client, "SELECT catgroup, sold FROM tickets_mv ORDER BY 1", **target) == [["Shows", 5], ["Sports", 4]]
    run_ok(client, "REFRESH MATERIALIZED VIEW tickets_mv", **target)
    assert query(client, "SELECT catgroup, sold FROM tickets_mv ORDER BY 1", **target) == [["Shows", 5], ["Sports", 10]]

    tables = client.list_tables(SchemaPattern="public", TablePattern="tickets%", **target)["Tables"]
    assert [(t["name"], t["type"]) for t in tables] == [("tickets_mv", "TABLE")]

    d = run(client, "INSERT INTO tickets_mv VALUES ('x', 1)", **target)
    assert d["Status"] == "FAILED"
    run_ok(client, "DROP MATERIALIZED VIEW tickets_mv", **target)
    d = run(client, "SELECT * FROM tickets_mv", **target)
    assert d["Status"] == "FAILED" and 'relation "tickets_mv" does not exist' in d["Error"]


def test_refresh_of_a_table_fails(client, target):
    run_ok(client, "CREATE TABLE plain (i INT)", **target)
    d = run(client, "REFRESH MATERIALIZED VIEW plain", **target)
    assert d["Status"] == "FAILED" and '"plain" is not a materialized view' in d["Error"]
