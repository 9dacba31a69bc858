-- TPC-H schema (specification §1.4) in Redshift DDL: distribution and sort keys as a typical
-- Redshift deployment chooses them (small dimensions DISTSTYLE ALL, facts distributed on the
-- join key), column encodings as Redshift's ENCODE AUTO would pick (AZ64 numbers/dates, LZO text,
-- RAW for sort keys). Informational PRIMARY/FOREIGN KEYs, as in Redshift (not enforced).
CREATE TABLE region (
    r_regionkey INTEGER NOT NULL ENCODE raw,
    r_name CHAR(25) NOT NULL ENCODE lzo,
    r_comment VARCHAR(152) ENCODE lzo,
    PRIMARY KEY (r_regionkey)
) DISTSTYLE ALL SORTKEY (r_regionkey);

CREATE TABLE nation (
    n_nationkey INTEGER NOT NULL ENCODE raw,
    n_name CHAR(25) NOT NULL ENCODE lzo,
    n_regionkey INTEGER NOT NULL ENCODE az64 REFERENCES region (r_regionkey),
    n_comment VARCHAR(152) ENCODE lzo,
    PRIMARY KEY (n_nationkey)
) DISTSTYLE ALL SORTKEY (n_nationkey);

CREATE TABLE supplier (
    s_suppkey INTEGER NOT NULL ENCODE raw,
    s_name CHAR(25) NOT NULL ENCODE lzo,
    s_address VARCHAR(40) NOT NULL ENCODE lzo,
    s_nationkey INTEGER NOT NULL ENCODE az64,
    s_phone CHAR(15) NOT NULL ENCODE lzo,
    s_acctbal DECIMAL(15,2) NOT NULL ENCODE az64,
    s_comment VARCHAR(101) NOT NULL ENCODE lzo,
    PRIMARY KEY (s_suppkey),
    FOREIGN KEY (s_nationkey) REFERENCES nation (n_nationkey)
) DISTSTYLE ALL SORTKEY (s_suppkey);

CREATE TABLE customer (
    c_custkey INTEGER NOT NULL ENCODE raw,
    c_name VARCHAR(25) NOT NULL ENCODE lzo,
    c_address VARCHAR(40) NOT NULL ENCODE lzo,
    c_nationkey INTEGER NOT NULL ENCODE az64,
    c_phone CHAR(15) NOT NULL ENCODE lzo,
    c_acctbal DECIMAL(15,2) NOT NULL ENCODE az64,
    c_mktsegment CHAR(10) NOT NULL ENCODE lzo,
    c_comment VARCHAR(117) NOT NULL ENCODE lzo,
    PRIMARY KEY (c_custkey)
) DISTKEY (c_custkey) SORTKEY (c_custkey);

CREATE TABLE part (
    p_partkey INTEGER NOT NULL ENCODE raw,
    p_name VARCHAR(55) NOT NULL ENCODE lzo,
    p_mfgr CHAR(25) NOT NULL ENCODE lzo,
    p_brand CHAR(10) NOT NULL ENCODE lzo,
    p_type VARCHAR(25) NOT NULL ENCODE lzo,
    p_size INTEGER NOT NULL ENCODE az64,
    p_container CHAR(10) NOT NULL ENCODE lzo,
    p_retailprice DECIMAL(15,2) NOT NULL ENCODE az64,
    p_comment VARCHAR(23) NOT NULL ENCODE lzo,
    PRIMARY KEY (p_partkey)
) DISTKEY (p_partkey) SORTKEY (p_partkey);

CREATE TABLE partsupp (
    ps_partkey INTEGER NOT NULL ENCODE raw DISTKEY,
    ps_suppkey INTEGER NOT NULL ENCODE az64,
    ps_availqty INTEGER NOT NULL ENCODE az64,
    ps_supplycost DECIMAL(15,2) NOT NULL ENCODE az64,
    ps_comment VARCHAR(199) NOT NULL ENCODE lzo,
    PRIMARY KEY (ps_partkey, ps_suppkey)
) SORTKEY (ps_partkey);

CREATE TABLE orders (
    o_orderkey BIGINT NOT NULL ENCODE raw DISTKEY,
    o_custkey INTEGER NOT NULL ENCODE az64,
    o_orderstatus CHAR(1) NOT NULL ENCODE lzo,
    o_totalprice DECIMAL(15,2) NOT NULL ENCODE az64,
    o_orderdate DATE NOT NULL ENCODE az64,
    o_orderpriority CHAR(15) NOT NULL ENCODE lzo,
    o_clerk CHAR(15) NOT NULL ENCODE lzo,
    o_shippriority INTEGER NOT NULL ENCODE az64,
    o_comment VARCHAR(79) NOT NULL ENCODE lzo,
    PRIMARY KEY (o_orderkey)
) COMPOUND SORTKEY (o_orderkey, o_orderdate);

CREATE TABLE lineitem (
    l_orderkey BIGINT NOT NULL ENCODE raw DISTKEY,
    l_partkey INTEGER NOT NULL ENCODE az64,
    l_suppkey INTEGER NOT NULL ENCODE az64,
    l_linenumber INTEGER NOT NULL ENCODE az64,
    l_quantity DECIMAL(15,2) NOT NULL ENCODE az64,
    l_extendedprice DECIMAL(15,2) NOT NULL ENCODE az64,
    l_discount DECIMAL(15,2) NOT NULL ENCODE az64,
    l_tax DECIMAL(15,2) NOT NULL ENCODE az64,
    l_returnflag CHAR(1) NOT NULL ENCODE lzo,
    l_linestatus CHAR(1) NOT NULL ENCODE lzo,
    l_shipdate DATE NOT NULL ENCODE az64,
    l_commitdate DATE NOT NULL ENCODE az64,
    l_receiptdate DATE NOT NULL ENCODE az64,
    l_shipinstruct CHAR(25) NOT NULL ENCODE lzo,
    l_shipmode CHAR(10) NOT NULL ENCODE lzo,
    l_comment VARCHAR(44) NOT NULL ENCODE lzo,
    PRIMARY KEY (l_orderkey, l_linenumber)
) SORTKEY (l_shipdate);
