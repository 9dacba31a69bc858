"""ListDatabases / ListSchemas / ListTables / DescribeTable (data-api.md §3.8, §10)."""

import pytest

from conftest import run_ok


def _pages(call, key, **kw):
    """All pages of a metadata call following NextToken (bounded); returns (pages, merged items)."""
    pages, items, tokens, token = [], [], set(), None
    for _ in range(100):
        extra = {"NextToken": token} if token else {}
        page = call(**kw, **extra)
        pages.append(page)
        items += page[key]
        token = page.get("NextToken")
        if not token:
            return pages, items
        assert token not in tokens
        tokens.add(token)
    raise AssertionError("too many pages")


@pytest.fixture
def shop(client, target):
    run_ok(client, "create table orders (id int not null, customer varchar(50), total numeric(10,2), "
                   "placed timestamp, paid boolean)", **target)
    run_ok(client, "create table order_items (order_id int, sku varchar(20))", **target)
    run_ok(client, "create table orderxitems (i int)", **target)
    run_ok(client, "create table customers (id int, name varchar(40))", **target)
    run_ok(client, "create view v_orders as select id, total from orders", **target)
    run_ok(client, "create schema archive", **target)
    run_ok(client, "create table archive.orders_2020 (id int)", **target)
    return target


def test_list_databases_has_dev(client, target):
    # data-api.md §10: `{"Databases": ["dev"]}` for a cluster with the default database.
    dbs = client.list_databases(**target)["Databases"]
    assert "dev" in dbs


def test_list_databases_configured_and_paged(strict_client):
    # data-api.md §3.8 / §10: configured databases listed; MaxResults + NextToken paging.
    tgt = {"ClusterIdentifier": "c1", "Database": "dev", "DbUser": "awsuser"}
    assert {"dev", "analytics"} <= set(strict_client.list_databases(**tgt)["Databases"])
    pages, items = _pages(strict_client.list_databases, "Databases", MaxResults=1, **tgt)
    assert len(pages) >= 2
    assert all(len(p["Databases"]) <= 1 for p in pages)
    assert {"dev", "analytics"} <= set(items)
    assert len(items) == len(set(items))


def test_list_schemas_has_public(client, target):
    # data-api.md §10: public is listed.
    assert "public" in client.list_schemas(**target)["Schemas"]


def test_list_schemas_patterns(client, target):
    # data-api.md §10: LIKE wildcards — % any run (including none), _ exactly one character.
    for s in ("sales_a", "salesxa", "sale", "salesab"):
        run_ok(client, f"create schema {s}", **target)
    got = lambda p: sorted(client.list_schemas(SchemaPattern=p, **target)["Schemas"])
    assert got("sales%") == ["sales_a", "salesab", "salesxa"]
    assert got("sales_a") == ["sales_a", "salesxa"]
    assert got("sale") == ["sale"]
    assert got("sale_") == []  # `_` needs exactly one character; nothing is "sale" + 1 char
    assert got("%ab") == ["salesab"]
    assert got("public") == ["public"]


def test_list_schemas_paging(client, target):
    # data-api.md §3.8: MaxResults + NextToken.
    for s in ("pa", "pb", "pc"):
        run_ok(client, f"create schema {s}", **target)
    pages, items = _pages(client.list_schemas, "Schemas", SchemaPattern="p_", MaxResults=2, **target)
    assert len(pages) == 2
    assert sorted(items) == ["pa", "pb", "pc"]


def test_list_tables_pattern_and_types(client, shop):
    # data-api.md §2.3 / §10: TableMember name/schema/type; TABLE and VIEW; TablePattern LIKE.
    tables = client.list_tables(SchemaPattern="public", **shop)["Tables"]
    by_name = {t["name"]: t for t in tables}
    assert set(by_name) == {"orders", "order_items", "orderxitems", "customers", "v_orders"}
    assert by_name["orders"] == {"name": "orders", "schema": "public", "type": "TABLE"}
    assert by_name["v_orders"] == {"name": "v_orders", "schema": "public", "type": "VIEW"}
    got = sorted(t["name"] for t in client.list_tables(TablePattern="order%", SchemaPattern="public",
                                                       **shop)["Tables"])
    assert got == ["order_items", "orders", "orderxitems"]
    got = sorted(t["name"] for t in client.list_tables(TablePattern="order_items", **shop)["Tables"])
    assert got == ["order_items", "orderxitems"]  # `_` matches one character


def test_list_tables_schema_dimension(client, shop):
    # data-api.md §10: with only TablePattern, schemas are unrestricted; SchemaPattern restricts.
    everywhere = {(t["schema"], t["name"]) for t in client.list_tables(TablePattern="orders%", **shop)["Tables"]}
    assert everywhere == {("public", "orders"), ("archive", "orders_2020")}
    only_archive = client.list_tables(SchemaPattern="arch%", **shop)["Tables"]
    assert only_archive == [{"name": "orders_2020", "schema": "archive", "type": "TABLE"}]


def test_list_tables_paging(client, shop):
    # data-api.md §3.8: MaxResults + NextToken, each table once.
    pages, items = _pages(client.list_tables, "Tables", SchemaPattern="public", MaxResults=2, **shop)
    assert len(pages) == 3
    assert all(len(p["Tables"]) <= 2 for p in pages)
    names = [t["name"] for t in items]
    assert sorted(names) == sorted({"orders", "order_items", "orderxitems", "customers", "v_orders"})


def test_list_tables_follows_ddl(client, shop):
    # Consistent with the SQL catalog: a dropped table disappears, a new one appears.
    run_ok(client, "drop table customers", **shop)
    run_ok(client, "create table suppliers (id int)", **shop)
    names = {t["name"] for t in client.list_tables(SchemaPattern="public", **shop)["Tables"]}
    assert "customers" not in names
    assert "suppliers" in names


def test_describe_table_columns(client, shop):
    # data-api.md §10 / §6.2: ColumnList of ColumnMetadata in column order, typeName per Redshift type,
    # schemaName/tableName, nullable; no `label` member in DescribeTable.
    r = client.describe_table(Schema="public", Table="orders", **shop)
    cols = r["ColumnList"]
    assert [c["name"] for c in cols] == ["id", "customer", "total", "placed", "paid"]
    assert [c["typeName"] for c in cols] == ["int4", "varchar", "numeric", "timestamp", "bool"]
    for c in cols:
        assert c["schemaName"] == "public"
        assert c["tableName"] == "orders"
        assert "label" not in c
    assert cols[0]["nullable"] == 0
    assert all(c["nullable"] == 1 for c in cols[1:])
    assert cols[1]["precision"] == 50  # declared length of a character type (§6.2)
    assert "orders" in r["TableName"]


def test_describe_table_numeric_precision_scale(client, shop):
    # emulator decision (unverified on AWS): data-api.md §6.2 — numeric(p,s) reports precision p, scale s.
    cols = {c["name"]: c for c in client.describe_table(Schema="public", Table="orders", **shop)["ColumnList"]}
    assert cols["total"]["precision"] == 10
    assert cols["total"]["scale"] == 2


def test_describe_table_exact_name(client, shop):
    # data-api.md §10: `Table` is an exact name (emulator decision: not a LIKE pattern).
    cols = client.describe_table(Schema="public", Table="order_items", **shop)["ColumnList"]
    assert {c["tableName"] for c in cols} == {"order_items"}
    assert [c["name"] for c in cols] == ["order_id", "sku"]


def test_describe_table_view(client, shop):
    # data-api.md §10: views are described like tables.
    cols = client.describe_table(Schema="public", Table="v_orders", **shop)["ColumnList"]
    assert [c["name"] for c in cols] == ["id", "total"]
    assert [c["typeName"] for c in cols] == ["int4", "numeric"]


def test_describe_table_paging(client, shop):
    # data-api.md §3.8 / §16.1: ColumnList pages with MaxResults + NextToken.
    pages, cols = _pages(client.describe_table, "ColumnList", Schema="public", Table="orders", MaxResults=2,
                         **shop)
    assert len(pages) == 3
    assert [c["name"] for c in cols] == ["id", "customer", "total", "placed", "paid"]
    assert "orders" in pages[0]["TableName"]


def test_describe_table_other_schema(client, shop):
    # data-api.md §10: Schema selects the schema.
    cols = client.describe_table(Schema="archive", Table="orders_2020", **shop)["ColumnList"]
    assert [(c["schemaName"], c["tableName"], c["name"]) for c in cols] == [("archive", "orders_2020", "id")]


def test_connected_database_browses_another_database(strict_client, unique_name):
    # data-api.md §3.8 / §10: connect to one database (ConnectedDatabase) and browse another (Database).
    run_ok(strict_client, f"create table {unique_name} (a int, b varchar(5))",
           ClusterIdentifier="c1", Database="analytics", DbUser="awsuser")
    kw = {"ClusterIdentifier": "c1", "Database": "analytics", "ConnectedDatabase": "dev", "DbUser": "awsuser"}
    tables = strict_client.list_tables(TablePattern=unique_name, **kw)["Tables"]
    assert tables == [{"name": unique_name, "schema": "public", "type": "TABLE"}]
    cols = strict_client.describe_table(Schema="public", Table=unique_name, **kw)["ColumnList"]
    assert [c["name"] for c in cols] == ["a", "b"]
    # and the table is not in dev
    assert strict_client.list_tables(TablePattern=unique_name, ClusterIdentifier="c1", Database="dev",
                                     DbUser="awsuser")["Tables"] == []


def test_metadata_calls_need_a_target(client):
    # data-api.md §4.2: same target rule as ExecuteStatement.
    with pytest.raises(client.exceptions.ValidationException) as ei:
        client.list_databases(Database="dev")
    assert ei.value.response["Error"]["Message"] == "Either ClusterIdentifier or WorkgroupName needs to be specified."
