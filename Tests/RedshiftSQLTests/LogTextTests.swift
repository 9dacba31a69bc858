import Testing
@testable import RedshiftSQL

/// `LogText` (API/LogText.swift): secrets masked in the text logs and system tables show.
struct LogTextTests {
    @Test(arguments: [
        ("CREATE USER u PASSWORD 'Secret1'", "CREATE USER u PASSWORD '***'"),
        ("create user u with password 'md5abc' createdb", "create user u with password '***' createdb"),
        ("alter user u password 'N3w''pw' valid until '2030-01-01'", "alter user u password '***' valid until '2030-01-01'"),
        ("alter user u password disable", "alter user u password disable"),
        ("copy t from 's3://b/k' credentials 'aws_access_key_id=A;aws_secret_access_key=S'",
         "copy t from 's3://b/k' credentials '***'"),
        ("COPY t FROM 's3://b/k' CREDENTIALS AS 'x' CSV", "COPY t FROM 's3://b/k' CREDENTIALS AS '***' CSV"),
        ("copy t from 's3://b/k' access_key_id 'AKIA' secret_access_key 'S' session_token 'T'",
         "copy t from 's3://b/k' access_key_id '***' secret_access_key '***' session_token '***'"),
        ("unload ('select ''password''') to 's3://b/p' access_key_id 'A' secret_access_key 'S' master_symmetric_key 'K'",
         "unload ('select ''password''') to 's3://b/p' access_key_id '***' secret_access_key '***' master_symmetric_key '***'"),
        ("copy t from 's3://b/k' iam_role 'arn:aws:iam::1:role/r'", "copy t from 's3://b/k' iam_role 'arn:aws:iam::1:role/r'"),
        ("select password from t where password = 'x'", "select password from t where password = 'x'"),
        ("create user é PASSWORD 'ü1Secret' -- ünïcode", "create user é PASSWORD '***' -- ünïcode"),
    ])
    func masksSecrets(_ sql: String, _ logText: String) {
        #expect(Translator.parse(sql).logText == logText)
    }
}

/// Every authorization form of COPY and UNLOAD keeps its secret out of the logs (copy-parameters-authorization).
struct LogTextCopyFormsTests {
    @Test(arguments: [
        ("/* load */ copy t from 's3://b/k' credentials 'aws_access_key_id=A;aws_secret_access_key=S;token=T'",
         "/* load */ copy t from 's3://b/k' credentials '***'"),
        ("copy t from 's3://b/k' with credentials as 'aws_iam_role=arn:aws:iam::123456789012:role/R'",
         "copy t from 's3://b/k' with credentials as '***'"),
        ("copy t from 's3://b/k' ACCESS_KEY_ID AS 'AKIA' SECRET_ACCESS_KEY AS 'S' SESSION_TOKEN AS 'T' csv",
         "copy t from 's3://b/k' ACCESS_KEY_ID AS '***' SECRET_ACCESS_KEY AS '***' SESSION_TOKEN AS '***' csv"),
    ])
    func masksEveryForm(_ sql: String, _ logText: String) {
        #expect(Translator.parse(sql).logText == logText)
    }
}
