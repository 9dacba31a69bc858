#!/usr/bin/env python3
"""Writes a synthetic Redshift user activity log of exactly --lines lines (for scripts/bench-replay):
200 sessions of 20 users, statements of one to six lines, transactions, some internal noise."""
import argparse
import random

parser = argparse.ArgumentParser()
parser.add_argument("--lines", type=int, default=1_000_000)
parser.add_argument("--out", required=True)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()
rng = random.Random(args.seed)
users = [f"user_{i:02d}" for i in range(20)]
sessions = [(1073741824 + i * 97, rng.choice(users)) for i in range(200)]
singles = [
    "select count(*) from sales where region = '{r}' and qty > {n};",
    "insert into events values ({n}, 'click', getdate());",
    "update accounts set balance = balance - {n} where id = {m};",
    "BEGIN;", "COMMIT;",
    "select * from orders where order_id in ({n}, {m}, {k});",
]
multi = [
    "select region,\n       sum(amount) as total\nfrom sales\nwhere sold_at > '2024-03-0{d}'\ngroup by 1\norder by 2 desc;",
    "insert into stage.orders\nselect o.*\nfrom raw.orders o\nwhere o.id > {n};",
    "with recent as (\n  select * from events where id > {n}\n)\nselect count(*) from recent;",
]
second = 1709647200  # 2024-03-05T14:00:00Z
xid = 2600000
written = 0
with open(args.out, "w") as f:
    while written < args.lines:
        pid, user = rng.choice(sessions)
        xid += 1
        second += rng.random() < 0.02
        minute, sec = divmod(second - 1709647200, 60)
        hour, minute = divmod(minute, 60)
        ts = f"2024-03-05T{14 + hour % 10:02d}:{minute:02d}:{sec:02d}Z"
        if rng.random() < 0.001:
            user = "rdsdb"
        template = rng.choice(multi) if rng.random() < 0.3 else rng.choice(singles)
        text = template.format(r=rng.choice("ABCDE"), n=rng.randrange(10**6), m=rng.randrange(10**6),
                               k=rng.randrange(10**6), d=rng.randrange(1, 9))
        lines = text.split("\n")
        remaining = args.lines - written
        lines = lines[:remaining]
        f.write(f"'{ts} UTC [ db=dev user={user} pid={pid} userid=100 xid={xid} ]' LOG: {lines[0]}\n")
        for line in lines[1:]:
            f.write(line + "\n")
        written += len(lines)
