"""A session is free as soon as its statement is reported finished (data-api.md §9: one statement
at a time per session). A client that polls DescribeStatement to FINISHED and sends the next
statement at once must never be told the session is busy. A raw keep-alive HTTP client (no SDK
overhead between the two calls) makes the window between the two as small as a client can."""
import http.client
import json
from urllib.parse import urlparse


def test_next_statement_right_after_finished_never_finds_the_session_busy(endpoint, target):
    url = urlparse(endpoint)
    connection = http.client.HTTPConnection(url.hostname, url.port)

    def call(operation, body):
        connection.request("POST", "/", body=json.dumps(body),
                           headers={"X-Amz-Target": f"RedshiftData.{operation}",
                                    "Content-Type": "application/x-amz-json-1.1"})
        response = connection.getresponse()
        answer = json.loads(response.read())
        assert response.status == 200, answer
        return answer

    first = call("ExecuteStatement", dict(target, Sql="select 0", SessionKeepAliveSeconds=60))
    session_id, statement_id = first["SessionId"], first["Id"]
    for i in range(1, 3000):
        while call("DescribeStatement", {"Id": statement_id})["Status"] not in ("FINISHED", "FAILED", "ABORTED"):
            pass
        statement_id = call("ExecuteStatement", {"Sql": f"select {i}", "SessionId": session_id})["Id"]
    connection.close()
