#!/usr/bin/env python3
"""Proxy overhead per call (scripts/bench-replay): DescribeStatement of one finished statement,
--calls times over one keep-alive connection, straight to an emulatord and through
`emulatord record` in front of it (which re-signs every call). Reports medians and p99s."""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import time
from urllib.parse import urlparse

parser = argparse.ArgumentParser()
parser.add_argument("--emulatord", required=True)
parser.add_argument("--calls", type=int, default=2000)
parser.add_argument("--work", required=True)
args = parser.parse_args()


def start(cmd, env=None):
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    line = proc.stdout.readline().decode()
    return proc, line.strip().rsplit(" ", 1)[-1]


HEADERS = {"Content-Type": "application/x-amz-json-1.1",
           "Authorization": "AWS4-HMAC-SHA256 Credential=AKIDBENCH/20240305/us-east-1/redshift-data/aws4_request, "
                            "SignedHeaders=host;x-amz-date, Signature=00", "X-Amz-Date": "20240305T000000Z"}


def call(conn, op, body):
    conn.request("POST", "/", body=json.dumps(body), headers={**HEADERS, "X-Amz-Target": f"RedshiftData.{op}"})
    response = conn.getresponse()
    return json.loads(response.read())


def timings(url, body, calls):
    parsed = urlparse(url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port)
    for _ in range(100):
        call(conn, "DescribeStatement", body)
    out = []
    for _ in range(calls):
        t = time.perf_counter()
        call(conn, "DescribeStatement", body)
        out.append((time.perf_counter() - t) * 1e6)
    conn.close()
    out.sort()
    return statistics.median(out), out[int(len(out) * 0.99)]


upstream, up_url = start([args.emulatord, "serve", "--port", "0"])
env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
env.update({"AWS_ACCESS_KEY_ID": "AKIDBENCH", "AWS_SECRET_ACCESS_KEY": "secret", "AWS_REGION": "us-east-1"})
proxy, px_url = start([args.emulatord, "record", "--upstream", up_url, "--port", "0", "--out",
                       os.path.join(args.work, "proxy.jsonl")], env)
try:
    parsed = urlparse(up_url)
    conn = http.client.HTTPConnection(parsed.hostname, parsed.port)
    sid = call(conn, "ExecuteStatement", {"ClusterIdentifier": "bench", "Database": "dev", "DbUser": "awsuser",
                                          "Sql": "select 1"})["Id"]
    while call(conn, "DescribeStatement", {"Id": sid})["Status"] != "FINISHED":
        time.sleep(0.01)
    body = {"Id": sid}
    d50, d99 = timings(up_url, body, args.calls)
    p50, p99 = timings(px_url, body, args.calls)
    print(f"proxy DescribeStatement ({args.calls} calls, 1 connection): direct p50 {d50:.0f} µs p99 {d99:.0f} µs; "
          f"through record p50 {p50:.0f} µs p99 {p99:.0f} µs; overhead p50 {p50 - d50:.0f} µs/call")
    # Execute through the proxy, as a client does: execute + describe until FINISHED.
    parsed = urlparse(px_url)
    pconn = http.client.HTTPConnection(parsed.hostname, parsed.port)
    n = max(200, args.calls // 10)
    t = time.perf_counter()
    for i in range(n):
        sid = call(pconn, "ExecuteStatement", {"ClusterIdentifier": "bench", "Database": "dev", "DbUser": "awsuser",
                                               "Sql": f"select {i}"})["Id"]
        while call(pconn, "DescribeStatement", {"Id": sid})["Status"] not in ("FINISHED", "FAILED", "ABORTED"):
            pass
    elapsed = time.perf_counter() - t
    print(f"proxy execute+describe cycles: {n / elapsed:,.0f} cycles/s through record")
finally:
    proxy.terminate(); proxy.wait(20)
    upstream.terminate(); upstream.wait(20)
with open(os.path.join(args.work, "proxy.jsonl")) as f:
    recorded = sum(1 for _ in f) - 1
print(f"proxy recorded {recorded} statements")
