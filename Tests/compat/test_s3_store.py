"""Where s3:// lives (issue 14, "Contract: where s3:// lives"): `serve --s3-root DIR`, the default
directory, `--s3-endpoint URL`, `AWS_ENDPOINT_URL_S3` and the configuration file's `s3:` section, as
`GET /health` reports them; conflicting options exit 2.

The endpoint is moto's S3 server (the `moto_s3` fixture). Until COPY and UNLOAD land no SQL reaches
the store; the store's own calls against moto are covered by the Swift suite (S3ObjectStoreMotoTests).
"""

from __future__ import annotations

import json
import os
import subprocess

from conftest import emulatord_bin, free_port, health

# Variables that would otherwise leak the developer's or CI's S3 settings into the server.
NO_S3_ENV = {"AWS_ENDPOINT_URL_S3": None, "AWS_REGION": None, "AWS_DEFAULT_REGION": None}
TEST_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"}


def s3_health(server) -> dict:
    r = health(server.url)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "ok"
    return body["s3"]


def serve_fails(args: list[str], env: dict[str, str | None] | None = None, config: dict | None = None,
                tmp_path=None) -> subprocess.CompletedProcess:
    environment = dict(os.environ)
    for key, value in {**NO_S3_ENV, **(env or {})}.items():
        if value is None:
            environment.pop(key, None)
        else:
            environment[key] = value
    command = [str(emulatord_bin()), "serve", "--port", "0", "--pg-port", "off", *args]
    if config is not None:
        path = tmp_path / "config.json"
        path.write_text(json.dumps(config))
        command += ["--config", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, env=environment,
                          stdin=subprocess.DEVNULL)


def test_in_memory_the_store_is_a_temporary_directory_removed_at_exit(make_server):
    server = make_server(env=NO_S3_ENV)
    s3 = s3_health(server)
    assert s3["store"] == "directory"
    assert s3["temporary"] is True
    assert os.path.isdir(s3["root"])
    assert server.stop() == 0
    assert not os.path.exists(s3["root"])


def test_with_a_data_directory_the_store_is_its_s3_folder(make_server, tmp_path):
    server = make_server(data_dir=str(tmp_path / "data"), env=NO_S3_ENV)
    s3 = s3_health(server)
    assert s3 == {"store": "directory", "root": str(tmp_path / "data" / "s3"), "temporary": False}
    assert os.path.isdir(s3["root"])
    server.stop()
    assert os.path.isdir(s3["root"])   # durable, like the data directory


def test_s3_root_names_the_directory(make_server, tmp_path):
    root = tmp_path / "buckets"
    server = make_server(extra_args=["--s3-root", str(root)], env=NO_S3_ENV)
    assert s3_health(server) == {"store": "directory", "root": str(root), "temporary": False}
    assert root.is_dir()


def test_s3_endpoint_with_the_region_from_aws_region(make_server, moto_s3):
    server = make_server(extra_args=["--s3-endpoint", moto_s3],
                         env={**NO_S3_ENV, **TEST_CREDENTIALS, "AWS_REGION": "eu-west-1"})
    assert s3_health(server) == {"store": "endpoint", "endpoint": moto_s3.endpoint, "region": "eu-west-1"}


def test_aws_endpoint_url_s3_selects_the_endpoint(make_server, moto_s3):
    server = make_server(env={**NO_S3_ENV, **TEST_CREDENTIALS, "AWS_ENDPOINT_URL_S3": moto_s3.endpoint,
                              "AWS_DEFAULT_REGION": "us-west-2"})
    assert s3_health(server) == {"store": "endpoint", "endpoint": moto_s3.endpoint, "region": "us-west-2"}


def test_the_configuration_file_s3_section(make_server, moto_s3, tmp_path):
    server = make_server(config={"s3": {"endpoint": moto_s3.endpoint, "region": "ap-south-1"}}, env=NO_S3_ENV)
    assert s3_health(server) == {"store": "endpoint", "endpoint": moto_s3.endpoint, "region": "ap-south-1"}
    root = make_server(config={"s3": {"root": str(tmp_path / "from-config")}}, env=NO_S3_ENV)
    assert s3_health(root)["root"] == str(tmp_path / "from-config")


def test_the_flag_beats_the_environment_which_beats_the_file(make_server, moto_s3):
    dead = f"http://127.0.0.1:{free_port()}"
    flag = make_server(extra_args=["--s3-endpoint", moto_s3], config={"s3": {"endpoint": dead}},
                       env={**NO_S3_ENV, "AWS_ENDPOINT_URL_S3": dead})
    assert s3_health(flag)["endpoint"] == moto_s3.endpoint
    env = make_server(config={"s3": {"endpoint": dead}}, env={**NO_S3_ENV, "AWS_ENDPOINT_URL_S3": moto_s3.endpoint})
    assert s3_health(env)["endpoint"] == moto_s3.endpoint


def test_an_endpoint_that_is_down_does_not_stop_the_server(make_server):
    # The endpoint is only contacted by statements that read or write s3://; a dead one fails those.
    dead = f"http://127.0.0.1:{free_port()}"
    server = make_server(extra_args=["--s3-endpoint", dead], env=NO_S3_ENV)
    assert s3_health(server)["endpoint"] == dead


def test_a_root_and_an_endpoint_together_exit_2(tmp_path, moto_s3):
    both = serve_fails(["--s3-root", str(tmp_path), "--s3-endpoint", moto_s3])
    assert both.returncode == 2, both.stderr
    assert "--s3-root cannot be used with an S3 endpoint (--s3-endpoint" in both.stderr
    from_env = serve_fails(["--s3-root", str(tmp_path)], env={"AWS_ENDPOINT_URL_S3": moto_s3.endpoint})
    assert from_env.returncode == 2, from_env.stderr
    assert "AWS_ENDPOINT_URL_S3" in from_env.stderr
    in_file = serve_fails([], config={"s3": {"root": str(tmp_path), "endpoint": moto_s3.endpoint}}, tmp_path=tmp_path)
    assert in_file.returncode == 2, in_file.stderr
    assert "both root and endpoint" in in_file.stderr


def test_an_endpoint_that_is_not_a_url_exits_2():
    bad = serve_fails(["--s3-endpoint", "localhost:9000"])
    assert bad.returncode == 2, bad.stderr
    assert "is not an http:// or https:// URL" in bad.stderr


def test_the_s3_backend_fixture_gives_each_test_an_empty_bucket_the_server_uses(s3_backend):
    # The fixture COPY and UNLOAD tests share: objects put behind the server's back, listed in key order.
    assert s3_backend.keys() == []
    s3_backend.put("in/b.csv", "2\n")
    s3_backend.put("in/a.csv", b"1\n")
    s3_backend.put("out", "x")
    assert s3_backend.keys("in/") == ["in/a.csv", "in/b.csv"]
    assert s3_backend.get("in/a.csv") == b"1\n"
    assert s3_backend.url("in/") == f"s3://{s3_backend.bucket}/in/"
    s3 = s3_health(s3_backend.server)
    if s3_backend.kind == "directory":
        assert s3["root"] == str(s3_backend.root)
    else:
        assert s3["endpoint"] == s3_backend.moto.endpoint
