"""The same query run again and again on one session (dashboards, polling loops, benchmarks) sees
every change made in between, from its own session or another, as a query run once does.

Expected values from the documentation:
- GETDATE returns the current date and time (r_GETDATE); a query run later returns a later time.
- ALTER TABLE … ADD COLUMN adds the column (r_ALTER_TABLE); SELECT * lists it from then on.
- REVOKE takes a privilege away (r_REVOKE); the next SELECT of the table fails with
  `permission denied for relation …`.
- A rolled-back change never happened (r_ROLLBACK).
- SET search_path changes which schema an unqualified name resolves to (r_search_path).
"""

import time
from contextlib import closing

import psycopg2
import pytest

from conftest import pg_connect


# `closing`, not `with conn`: psycopg2 2.9's `with conn` opens a transaction even in autocommit mode.

def columns(cursor, sql):
    cursor.execute(sql)
    cursor.fetchall()
    return [d[0] for d in cursor.description]


def test_a_clock_query_run_again_returns_a_later_time(pg):
    with closing(pg_connect(pg, autocommit=True)) as conn, conn.cursor() as cur:
        seen = []
        for _ in range(4):
            cur.execute("select getdate()")
            seen.append(cur.fetchone()[0])
            time.sleep(1.1)   # GETDATE has a precision of one second
        assert seen == sorted(seen) and len(set(seen)) == 4


def test_a_query_run_again_sees_another_sessions_new_column(pg, unique_name):
    table = f"rq_cols_{unique_name}"
    with closing(pg_connect(pg, autocommit=True)) as other, closing(pg_connect(pg, autocommit=True)) as conn:
        with other.cursor() as o, conn.cursor() as c:
            o.execute(f"create table {table} (id int)")
            for _ in range(3):
                assert columns(c, f"select * from {table}") == ["id"]
            o.execute(f"alter table {table} add column note varchar(10)")
            assert columns(c, f"select * from {table}") == ["id", "note"]
            o.execute(f"drop table {table}")


def test_a_query_run_again_after_a_rolled_back_change_sees_it_undone(pg, unique_name):
    table = f"rq_rb_{unique_name}"
    with closing(pg_connect(pg, autocommit=True)) as conn, conn.cursor() as c:
        c.execute(f"create table {table} (id int)")
        for _ in range(3):
            assert columns(c, f"select * from {table}") == ["id"]
        c.execute("begin")
        c.execute(f"alter table {table} add column extra int")
        assert columns(c, f"select * from {table}") == ["id", "extra"]
        c.execute("rollback")
        assert columns(c, f"select * from {table}") == ["id"]
        c.execute(f"drop table {table}")


def test_a_query_run_again_after_revoke_is_refused(pg, unique_name):
    table, user = f"rq_grant_{unique_name}", f"rq_user_{unique_name}"
    with closing(pg_connect(pg, autocommit=True)) as admin, admin.cursor() as a:
        a.execute(f"create table {table} (id int)")
        a.execute(f"create user {user} password 'Abcdefg1'")
        a.execute(f"grant select on {table} to {user}")
        with closing(pg_connect(pg, user=user, password="Abcdefg1", autocommit=True)) as conn, conn.cursor() as c:
            for _ in range(3):
                c.execute(f"select count(*) from {table}")
                assert c.fetchone() == (0,)
            a.execute(f"revoke select on {table} from {user}")
            with pytest.raises(psycopg2.Error) as raised:
                c.execute(f"select count(*) from {table}")
            assert "permission denied" in str(raised.value)
        a.execute(f"drop table {table}")
        a.execute(f"drop user {user}")


def test_a_query_run_again_after_set_search_path_reads_the_other_schema(pg, unique_name):
    schema, table = f"rq_s_{unique_name}", f"rq_sp_{unique_name}"
    with closing(pg_connect(pg, autocommit=True)) as conn, conn.cursor() as c:
        c.execute(f"create schema {schema}")
        c.execute(f"create table public.{table} (id int)")
        c.execute(f"create table {schema}.{table} (id int, other int)")
        for _ in range(3):
            assert columns(c, f"select * from {table}") == ["id"]
        c.execute(f"set search_path to {schema}, public")
        assert columns(c, f"select * from {table}") == ["id", "other"]
        c.execute("reset search_path")
        assert columns(c, f"select * from {table}") == ["id"]
        c.execute(f"drop table {schema}.{table}")
        c.execute(f"drop table public.{table}")
        c.execute(f"drop schema {schema}")
