"""IAM authentication (issue 13 item 7): the management API operations that issue temporary
database credentials, driven by boto3's `redshift` and `redshift-serverless` clients and by
redshift_connector's IAM helper, and the sessions those credentials open on the PostgreSQL door.

Sources:
- API Reference › GetClusterCredentials (Redshift API 2012-12-01): DbUser `IAM:` (`IAMA:` with
  AutoCreate), DurationSeconds 900–3600 default 900, ClusterNotFound (HTTP 404).
- API Reference › GetClusterCredentialsWithIAM: the database user is the caller's IAM identity.
- Redshift Serverless API Reference › GetCredentials / GetWorkgroup.
- Cluster Management Guide › "Using IAM authentication to generate database user credentials":
  the temporary credentials carry the permissions of the existing user named by DbUser (the
  session runs as `alice` for `IAM:alice`); DbGroups: the groups the user joins at log on.
- redshift_connector 2.1 `iam_helper.py`: which operations it calls and which answer members it
  reads (DbUser/DbPassword/Expiration; Clusters[0].Endpoint; workgroup.endpoint).
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
import xml.etree.ElementTree as ET

import boto3
import botocore.auth
import botocore.awsrequest
import botocore.config
import botocore.credentials
import botocore.exceptions
import psycopg2
import pytest
import requests

from conftest import ACCESS_KEY, REGION, SECRET_KEY, Server, emulatord_bin, make_client, query, run_ok

try:  # requirements.txt installs it; without it only its tests are skipped
    import redshift_connector
    from redshift_connector.iam_helper import IamHelper
    from redshift_connector.redshift_property import RedshiftProperty
except ImportError:  # pragma: no cover
    redshift_connector = None

needs_connector = pytest.mark.skipif(redshift_connector is None, reason="redshift_connector is not installed")

NS = {"rs": "http://redshift.amazonaws.com/doc/2012-12-01/"}
CLUSTER = "iam-cluster"
WORKGROUP = "iam-wg"


def start(config: dict, *args: str, name: str) -> Server:
    return Server(config=config, extra_args=list(args), name=name).start()


@pytest.fixture(scope="module")
def iam_server():
    """Cluster `iam-cluster` served by the PostgreSQL door; unknown clusters auto-provisioned."""
    s = start({"clusters": [{"identifier": CLUSTER, "databases": ["dev", "sales"]}]}, name="emulatord (iam)")
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(scope="module")
def strict_iam_server():
    """Strict: unknown clusters and workgroups are not found; the door serves workgroup `iam-wg`."""
    s = start({"strict": True, "workgroups": [{"name": WORKGROUP}], "clusters": [{"identifier": CLUSTER}]},
              "--pg-cluster", CLUSTER, name="emulatord (strict iam)")
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


@pytest.fixture(scope="module")
def workgroup_server():
    """Only a workgroup is configured, so the PostgreSQL door serves it (Redshift Serverless)."""
    s = start({"workgroups": [{"name": WORKGROUP}]}, name="emulatord (serverless iam)")
    yield s
    try:
        s.stop()
    finally:
        s.cleanup()


def mgmt(service: str, url: str, access_key: str = ACCESS_KEY, secret_key: str = SECRET_KEY):
    return boto3.client(service, endpoint_url=url, region_name=REGION, aws_access_key_id=access_key,
                        aws_secret_access_key=secret_key,
                        config=botocore.config.Config(retries={"total_max_attempts": 1}))


def pg_connect(server: Server, user: str, password: str, database: str = "dev"):
    conn = psycopg2.connect(host=server.pg_host, port=server.pg_port, user=user, password=password,
                            dbname=database, sslmode="disable", connect_timeout=10)
    conn.autocommit = True
    return conn


def scalar(conn, sql: str):
    with conn.cursor() as cur:
        cur.execute(sql)
        return cur.fetchone()[0]


def now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def raw_query(url: str, form: dict, sign: bool = True) -> requests.Response:
    """POST / with an AWS Query protocol form body, signed as botocore signs `redshift` calls."""
    body = "&".join(f"{k}={requests.utils.quote(str(v), safe='')}" for k, v in form.items())
    headers = {"Content-Type": "application/x-www-form-urlencoded; charset=utf-8"}
    if sign:
        req = botocore.awsrequest.AWSRequest(method="POST", url=url.rstrip("/") + "/", data=body, headers=headers)
        botocore.auth.SigV4Auth(botocore.credentials.Credentials(ACCESS_KEY, SECRET_KEY), "redshift",
                                REGION).add_auth(req)
        headers = dict(req.headers.items())
    return requests.post(url.rstrip("/") + "/", data=body, headers=headers, timeout=30)


def xml_error(response: requests.Response) -> tuple[str, str]:
    root = ET.fromstring(response.content)
    assert root.tag == "{%s}ErrorResponse" % NS["rs"]
    return root.findtext("rs:Error/rs:Code", namespaces=NS), root.findtext("rs:Error/rs:Type", namespaces=NS)


def error_of(excinfo) -> tuple[str, int]:
    err = excinfo.value.response
    return err["Error"]["Code"], err["ResponseMetadata"]["HTTPStatusCode"]


def iam_properties(server: Server, **kw) -> "RedshiftProperty":
    """What `redshift_connector.connect(iam=True, …)` does before it opens the socket: the IAM
    helper calls the management API and fills in user_name, password, host and port."""
    info = RedshiftProperty()
    settings = dict(iam=True, ssl=True, region=REGION, access_key_id=ACCESS_KEY, secret_access_key=SECRET_KEY,
                    endpoint_url=server.url, iam_disable_cache=True, db_name="dev")
    settings.update(kw)
    for key, value in settings.items():
        info.put(key, value)
    IamHelper.set_iam_properties(info)
    return info


# ---- Redshift: GetClusterCredentials ---------------------------------------------------------

def test_get_cluster_credentials_returns_an_iam_user_and_a_900_second_password(iam_server):
    before = now()
    out = mgmt("redshift", iam_server.url).get_cluster_credentials(
        DbUser="alice", DbName="dev", ClusterIdentifier=CLUSTER)
    assert out["DbUser"] == "IAM:alice"
    assert len(out["DbPassword"]) >= 32
    # Default DurationSeconds is 900.
    assert datetime.timedelta(seconds=890) <= out["Expiration"] - before <= datetime.timedelta(seconds=910)


def test_duration_seconds_is_honoured_and_checked(iam_server):
    redshift = mgmt("redshift", iam_server.url)
    before = now()
    out = redshift.get_cluster_credentials(DbUser="alice", ClusterIdentifier=CLUSTER, DurationSeconds=3600)
    assert datetime.timedelta(seconds=3590) <= out["Expiration"] - before <= datetime.timedelta(seconds=3610)
    for bad in (899, 3601):
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            redshift.get_cluster_credentials(DbUser="alice", ClusterIdentifier=CLUSTER, DurationSeconds=bad)
        assert error_of(excinfo) == ("InvalidParameterValue", 400)


def test_the_temporary_login_runs_as_the_plain_database_user(iam_server):
    out = mgmt("redshift", iam_server.url).get_cluster_credentials(
        DbUser="alice", DbName="dev", ClusterIdentifier=CLUSTER)
    with pg_connect(iam_server, out["DbUser"], out["DbPassword"]) as conn:
        assert scalar(conn, "select trim(current_user)") == "alice"
        assert scalar(conn, "select trim(session_user)") == "alice"
        assert conn.get_parameter_status("session_authorization") == "alice"
        assert conn.get_parameter_status("is_superuser") == "off"


def test_a_temporary_login_as_the_superuser_is_a_superuser(iam_server):
    # "the temporary user credentials have the same permissions as the existing user" (DbUser).
    out = mgmt("redshift", iam_server.url).get_cluster_credentials(DbUser="awsuser", ClusterIdentifier=CLUSTER)
    with pg_connect(iam_server, out["DbUser"], out["DbPassword"]) as conn:
        assert conn.get_parameter_status("is_superuser") == "on"
        assert scalar(conn, "select usesuper from pg_user where usename = current_user") is True


def test_auto_create_returns_iama_and_creates_the_user_with_its_groups(iam_server, unique_name):
    admin = make_client(iam_server.url)
    table = f"t_{unique_name}"
    for sql in (f"create table {table} (x int)", f"insert into {table} values (7)",
                f"create group readers_{unique_name}", f"grant select on {table} to group readers_{unique_name}"):
        run_ok(admin, sql, ClusterIdentifier=CLUSTER, Database="dev", DbUser="awsuser")
    redshift = mgmt("redshift", iam_server.url)
    member = f"m_{unique_name}"[:60]
    out = redshift.get_cluster_credentials(DbUser=member, DbName="dev", ClusterIdentifier=CLUSTER,
                                           AutoCreate=True, DbGroups=[f"readers_{unique_name}"])
    assert out["DbUser"] == f"IAMA:{member}"
    # Redshift creates the IAMA: user when it logs on.
    with pg_connect(iam_server, out["DbUser"], out["DbPassword"]) as conn:
        assert scalar(conn, f"select x from {table}") == 7
    users = query(admin, f"select usename from pg_user where usename = '{member}'",
                  ClusterIdentifier=CLUSTER, Database="dev", DbUser="awsuser")
    assert users == [[member]]
    # A user who did not join the group has only PUBLIC's rights.
    outsider = f"o_{unique_name}"[:60]
    other = redshift.get_cluster_credentials(DbUser=outsider, ClusterIdentifier=CLUSTER, AutoCreate=True)
    with pg_connect(iam_server, other["DbUser"], other["DbPassword"]) as conn:
        with pytest.raises(psycopg2.Error) as excinfo:
            scalar(conn, f"select x from {table}")
        assert excinfo.value.pgcode == "42501"


def test_issuing_credentials_does_not_wait_for_other_sessions(iam_server, unique_name):
    # The catalog is changed at log on, not by the API call: an open write transaction elsewhere
    # does not hold GetClusterCredentials up.
    with pg_connect(iam_server, "awsuser", "any") as writer:
        writer.autocommit = False
        with writer.cursor() as cur:
            cur.execute(f"create table w_{unique_name} (x int)")
            out = mgmt("redshift", iam_server.url).get_cluster_credentials(
                DbUser=f"w_{unique_name}"[:60], ClusterIdentifier=CLUSTER, AutoCreate=True, DbGroups=["nobody"])
            assert out["DbUser"].startswith("IAMA:")
        writer.rollback()


def test_with_iam_names_the_database_user_after_the_caller(iam_server):
    out = mgmt("redshift", iam_server.url).get_cluster_credentials_with_iam(ClusterIdentifier=CLUSTER, DbName="dev")
    # The Data API door names the same identity for a request without DbUser (IAM:<access key id>).
    assert out["DbUser"] == f"IAM:{ACCESS_KEY}"
    assert "NextRefreshTime" in out and out["Expiration"] > now()
    with pg_connect(iam_server, out["DbUser"], out["DbPassword"]) as conn:
        # The IAM identity's name is itself the database user (Management Guide › Data API: IAM:foo).
        assert scalar(conn, "select trim(current_user)") == f"IAM:{ACCESS_KEY}"


def test_describe_clusters_reports_the_postgresql_endpoint(iam_server):
    clusters = mgmt("redshift", iam_server.url).describe_clusters(ClusterIdentifier=CLUSTER)["Clusters"]
    assert len(clusters) == 1
    cluster = clusters[0]
    assert cluster["ClusterIdentifier"] == CLUSTER
    assert cluster["ClusterStatus"] == "available"
    assert cluster["Endpoint"] == {"Address": iam_server.pg_host, "Port": iam_server.pg_port}
    assert cluster["MasterUsername"] == "awsuser" and cluster["DBName"] == "dev"
    listed = mgmt("redshift", iam_server.url).describe_clusters()["Clusters"]
    assert CLUSTER in [c["ClusterIdentifier"] for c in listed]


def test_unknown_clusters_are_not_found_when_strict(strict_iam_server):
    redshift = mgmt("redshift", strict_iam_server.url)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        redshift.get_cluster_credentials(DbUser="alice", ClusterIdentifier="no-such-cluster")
    assert error_of(excinfo) == ("ClusterNotFound", 404)
    assert "no-such-cluster" in excinfo.value.response["Error"]["Message"]
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        redshift.describe_clusters(ClusterIdentifier="no-such-cluster")
    assert error_of(excinfo) == ("ClusterNotFound", 404)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        redshift.get_cluster_credentials_with_iam(ClusterIdentifier="no-such-cluster")
    assert error_of(excinfo) == ("ClusterNotFound", 404)


def test_bad_requests_get_query_protocol_xml_errors(iam_server):
    base = {"Action": "GetClusterCredentials", "Version": "2012-12-01", "ClusterIdentifier": CLUSTER}
    r = raw_query(iam_server.url, base)
    assert r.status_code == 400 and xml_error(r) == ("MissingParameter", "Sender")
    r = raw_query(iam_server.url, {**base, "DbUser": "IAM:alice"})
    assert r.status_code == 400 and xml_error(r) == ("InvalidParameterValue", "Sender")
    r = raw_query(iam_server.url, {**base, "DbUser": "alice", "DurationSeconds": "soon"})
    assert r.status_code == 400 and xml_error(r) == ("InvalidParameterValue", "Sender")
    r = raw_query(iam_server.url, {"Action": "RebootCluster", "Version": "2012-12-01"})
    assert r.status_code == 400 and xml_error(r)[0] == "InvalidAction"
    # The Data API on the same port is untouched.
    assert make_client(iam_server.url).list_databases(ClusterIdentifier=CLUSTER, Database="dev",
                                                      DbUser="awsuser")["Databases"]


def test_garbage_gets_4xx_never_a_crash(iam_server):
    url = iam_server.url.rstrip("/") + "/"
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    for body in (b"\x00\xff%%%&&==Action", b"Action=GetClusterCredentials&DbUser=a&ClusterIdentifier=",
                 b"Action=GetClusterCredentials&DbUser=a&ClusterIdentifier=c&DbGroups.DbGroup.1=bad%3Agroup",
                 b"Action=GetClusterCredentials&DbUser=a&ClusterIdentifier=c&AutoCreate=maybe"):
        r = requests.post(url, data=body, headers=form, timeout=30)
        assert 400 <= r.status_code < 500, (body, r.status_code, r.text)
        xml_error(r)
    r = requests.post(url, data=b"A" * (3 * 1024 * 1024), headers=form, timeout=30)
    assert r.status_code == 413
    serverless = {"X-Amz-Target": "RedshiftServerless.GetCredentials", "Content-Type": "application/x-amz-json-1.1"}
    for body in (b"[1,2", b'{"workgroupName": 5}', b'{"workgroupName": "wg-x", "durationSeconds": true}',
                 b'{"workgroupName": "wg-x", "durationSeconds": 1000.5}'):
        r = requests.post(url, data=body, headers=serverless, timeout=30)
        assert r.status_code == 400 and r.json()["__type"] == "SerializationException", (body, r.text)
    r = requests.post(url, data=b"{}", headers=dict(serverless, **{"X-Amz-Target": "RedshiftServerless.Nope"}), timeout=30)
    assert r.status_code == 400 and r.json()["__type"] == "UnknownOperationException"
    assert requests.get(url + "health", timeout=10).status_code == 200


def test_describe_clusters_lists_the_served_cluster_before_first_use(make_server):
    s = make_server()
    clusters = mgmt("redshift", s.url).describe_clusters()["Clusters"]
    assert [c["ClusterIdentifier"] for c in clusters] == ["dev-cluster"]
    assert clusters[0]["Endpoint"] == {"Address": s.pg_host, "Port": s.pg_port}


def test_a_successful_answer_is_the_documented_xml(iam_server):
    r = raw_query(iam_server.url, {"Action": "GetClusterCredentials", "Version": "2012-12-01",
                                   "ClusterIdentifier": CLUSTER, "DbUser": "alice"})
    assert r.status_code == 200 and r.headers["Content-Type"].startswith("text/xml")
    root = ET.fromstring(r.content)
    assert root.tag == "{%s}GetClusterCredentialsResponse" % NS["rs"]
    assert root.findtext("rs:GetClusterCredentialsResult/rs:DbUser", namespaces=NS) == "IAM:alice"
    assert root.findtext("rs:ResponseMetadata/rs:RequestId", namespaces=NS)


# ---- Redshift Serverless ---------------------------------------------------------------------

def test_serverless_get_credentials_and_workgroup(workgroup_server):
    serverless = mgmt("redshift-serverless", workgroup_server.url)
    before = now()
    out = serverless.get_credentials(workgroupName=WORKGROUP, dbName="dev")
    assert out["dbUser"] == f"IAM:{ACCESS_KEY}"
    assert datetime.timedelta(seconds=890) <= out["expiration"] - before <= datetime.timedelta(seconds=910)
    assert "nextRefreshTime" in out
    workgroup = serverless.get_workgroup(workgroupName=WORKGROUP)["workgroup"]
    assert workgroup["workgroupName"] == WORKGROUP and workgroup["status"] == "AVAILABLE"
    assert workgroup["endpoint"]["address"] == workgroup_server.pg_host
    assert workgroup["endpoint"]["port"] == workgroup_server.pg_port
    with pg_connect(workgroup_server, out["dbUser"], out["dbPassword"]) as conn:
        assert scalar(conn, "select trim(current_user)") == f"IAM:{ACCESS_KEY}"


def test_serverless_errors(strict_iam_server):
    serverless = mgmt("redshift-serverless", strict_iam_server.url)
    for call in (lambda: serverless.get_credentials(workgroupName="no-such-wg"),
                 lambda: serverless.get_workgroup(workgroupName="no-such-wg")):
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            call()
        assert error_of(excinfo) == ("ResourceNotFoundException", 400)
    for bad in (899, 3601):
        with pytest.raises(botocore.exceptions.ClientError) as excinfo:
            serverless.get_credentials(workgroupName=WORKGROUP, durationSeconds=bad)
        assert error_of(excinfo) == ("ValidationException", 400)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        serverless.get_credentials(dbName="dev")
    assert error_of(excinfo) == ("ValidationException", 400)
    # The door serves the cluster, so the workgroup has no endpoint to report.
    assert "endpoint" not in serverless.get_workgroup(workgroupName=WORKGROUP)["workgroup"]


# ---- SigV4 -----------------------------------------------------------------------------------

def test_signatures_are_verified_when_configured(make_server):
    s = make_server(config={"verify_signatures": True, "credentials": {ACCESS_KEY: SECRET_KEY}})
    assert mgmt("redshift", s.url).get_cluster_credentials(DbUser="alice", ClusterIdentifier="c")["DbUser"] == "IAM:alice"
    assert mgmt("redshift-serverless", s.url).get_credentials(workgroupName="wg-sig")["dbUser"] == f"IAM:{ACCESS_KEY}"
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        mgmt("redshift", s.url, secret_key="wrong").get_cluster_credentials(DbUser="alice", ClusterIdentifier="c")
    assert error_of(excinfo) == ("SignatureDoesNotMatch", 403)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        mgmt("redshift", s.url, access_key="AKIDUNKNOWN").describe_clusters()
    assert error_of(excinfo) == ("InvalidClientTokenId", 403)
    with pytest.raises(botocore.exceptions.ClientError) as excinfo:
        mgmt("redshift-serverless", s.url, secret_key="wrong").get_credentials(workgroupName="wg-sig")
    assert error_of(excinfo) == ("InvalidSignatureException", 403)
    r = raw_query(s.url, {"Action": "DescribeClusters", "Version": "2012-12-01"}, sign=False)
    assert r.status_code == 403 and xml_error(r)[0] == "MissingAuthenticationToken"


# ---- redshift_connector's IAM flow -----------------------------------------------------------

def connector_current_user(server: Server, info: "RedshiftProperty") -> str:
    """Opens redshift_connector with the credentials its IAM helper obtained; the current user.

    Skipped while the PostgreSQL door cannot answer redshift_connector's binary result formats
    (another part of issue 13)."""
    conn = redshift_connector.connect(host=info.host, port=int(info.port), user=info.user_name,
                                      password=info.password, database="dev", ssl=False, timeout=10)
    try:
        cursor = conn.cursor()
        try:
            cursor.execute("select trim(current_user)::varchar(128)")
        except redshift_connector.ProgrammingError as error:
            if "binary result format is not supported" in str(error):
                pytest.skip("the PostgreSQL door does not serve binary result formats yet")
            raise
        return cursor.fetchone()[0]
    finally:
        conn.close()


@needs_connector
def test_redshift_connector_iam_helper_with_host_and_port(iam_server):
    info = iam_properties(iam_server, cluster_identifier=CLUSTER, db_user="alice",
                          host=iam_server.pg_host, port=iam_server.pg_port)
    assert info.user_name == "IAM:alice"
    with pg_connect(iam_server, info.user_name, info.password) as conn:
        assert scalar(conn, "select trim(current_user)") == "alice"
    assert connector_current_user(iam_server, info) == "alice"


@needs_connector
def test_redshift_connector_iam_helper_finds_the_endpoint_with_describe_clusters(iam_server):
    info = iam_properties(iam_server, cluster_identifier=CLUSTER, db_user="bob", auto_create=True)
    assert (info.host, int(info.port)) == (iam_server.pg_host, iam_server.pg_port)
    assert info.user_name == "IAMA:bob"
    with pg_connect(iam_server, info.user_name, info.password) as conn:
        assert scalar(conn, "select trim(current_user)") == "bob"


@needs_connector
def test_redshift_connector_iam_helper_with_group_federation(iam_server):
    # group_federation=True makes the helper call GetClusterCredentialsWithIAM.
    info = iam_properties(iam_server, cluster_identifier=CLUSTER, group_federation=True)
    assert info.user_name == f"IAM:{ACCESS_KEY}"
    with pg_connect(iam_server, info.user_name, info.password) as conn:
        assert scalar(conn, "select trim(current_user)") == f"IAM:{ACCESS_KEY}"


@needs_connector
def test_redshift_connector_iam_helper_for_serverless(workgroup_server):
    info = iam_properties(workgroup_server, is_serverless=True, serverless_work_group=WORKGROUP)
    assert (info.host, int(info.port)) == (workgroup_server.pg_host, workgroup_server.pg_port)
    assert info.user_name == f"IAM:{ACCESS_KEY}"
    with pg_connect(workgroup_server, info.user_name, info.password) as conn:
        assert scalar(conn, "select trim(current_user)") == f"IAM:{ACCESS_KEY}"


def serves_tls() -> bool:
    help_text = subprocess.run([str(emulatord_bin()), "serve", "--help"], capture_output=True, text=True).stdout
    return "--tls-cert" in help_text


@needs_connector
def test_redshift_connector_connect_iam_true(tmp_path, monkeypatch):
    """The whole `connect(iam=True)`: redshift_connector insists on SSL with IAM, so this needs the
    door's TLS (`--tls-cert/--tls-key`); the certificate is trusted through SSL_CERT_FILE."""
    if not serves_tls():
        pytest.skip("the PostgreSQL door has no TLS yet (--tls-cert)")
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", str(key), "-out", str(cert)],
                   check=True, capture_output=True)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    s = start({"clusters": [{"identifier": CLUSTER}]}, "--tls-cert", str(cert), "--tls-key", str(key),
              name="emulatord (iam tls)")
    try:
        conn = redshift_connector.connect(iam=True, cluster_identifier=CLUSTER, db_user="alice", database="dev",
                                          region=REGION, access_key_id=ACCESS_KEY, secret_access_key=SECRET_KEY,
                                          endpoint_url=s.url, host=s.pg_host, port=s.pg_port, ssl=True,
                                          sslmode="verify-ca", iam_disable_cache=True, timeout=10)
        try:
            cursor = conn.cursor()
            try:
                cursor.execute("select trim(current_user)::varchar(128)")
            except redshift_connector.ProgrammingError as error:
                if "binary result format is not supported" in str(error):
                    pytest.skip("the PostgreSQL door does not serve binary result formats yet")
                raise
            assert cursor.fetchone()[0] == "alice"
        finally:
            conn.close()
    finally:
        s.stop()
        s.cleanup()


# ---- the AWS CLI -----------------------------------------------------------------------------

def test_aws_cli_get_cluster_credentials_and_describe_clusters(iam_server):
    import json
    import os
    import sys
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({"AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_DEFAULT_REGION": REGION,
                "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_MAX_ATTEMPTS": "1",
                "AWS_PAGER": ""})
    aws = [shutil.which("aws")] if shutil.which("aws") else [sys.executable, "-m", "awscli"]

    def cli(*args):
        p = subprocess.run(aws + ["redshift", *args, "--endpoint-url", iam_server.url, "--output", "json"],
                           capture_output=True, text=True, env=env, timeout=60)
        return p.returncode, p.stdout, p.stderr

    rc, out, err = cli("get-cluster-credentials", "--cluster-identifier", CLUSTER, "--db-user", "alice",
                       "--duration-seconds", "1800")
    assert rc == 0, err
    assert json.loads(out)["DbUser"] == "IAM:alice"
    rc, out, err = cli("describe-clusters", "--cluster-identifier", CLUSTER)
    assert rc == 0, err
    assert json.loads(out)["Clusters"][0]["Endpoint"]["Port"] == iam_server.pg_port
    rc, out, err = cli("get-cluster-credentials", "--cluster-identifier", CLUSTER, "--db-user", "alice",
                       "--duration-seconds", "60")
    assert rc != 0 and "InvalidParameterValue" in err
