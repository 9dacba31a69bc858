// swift-tools-version:6.0
import PackageDescription

// The layers, arrows pointing down (docs/architecture.md):
//
//   emulatord ─┬─ EmulatorServer ─┬─ DataAPI (adapter) ─┬─ DataAPIModel (wire types)
//              │                  │                     └─ Engine ─┬─ RedshiftSQL
//              │                  ├─ ManagementAPI (adapter: IAM credentials) ── Engine, DataAPI (SigV4)
//              │                  ├─ PGWire (adapter, SwiftNIO) ── Engine
//              │                  ├─ S3Store (ObjectStore on an S3 endpoint, async-http-client) ── ObjectStore, AWSSigning
//              │                  └─ Engine                        ├─ SQLite (GRDB)
//              │                                                   ├─ BulkFormats (file formats, compression) ── ObjectStore
//              │                                                   └─ ObjectStore (where s3:// lives)
//              └─ Replay ─┬─ DataAPIClient ── DataAPIModel
//                         └─ PGClient (the replayer's PostgreSQL-wire target)
//   emulator-bench ── DataAPIClient (the load generator's raw path), EmulatorServer (in-process runs)
//
// The engine knows no protocol: no Hummingbird, no HTTP, no Data API wire types.
let package = Package(
    name: "redshift-emulator",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "emulatord", targets: ["emulatord"]),
        .library(name: "EmulatorServer", targets: ["EmulatorServer"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // The SQL front end: Redshift SQL to SQLite SQL. Imports only Foundation.
        .target(
            name: "RedshiftSQL",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Where `s3://bucket/key` objects live: the store protocol, S3 addresses, an in-memory store.
        // Imports only Foundation.
        .target(
            name: "ObjectStore",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The bytes of bulk data: compression (gzip, bzip2, zstd, snappy), the delimited, CSV,
        // fixed-width and JSON text formats, Parquet and Avro. No SQL, no engine.
        .target(
            name: "BulkFormats",
            dependencies: ["ObjectStore", "CZlib", "CBZip2", "CZstd", "CSnappy"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // Clusters, databases, sessions, the statement lifecycle, execution, results, workload and
        // the system tables fed by activity. No protocol.
        .target(
            name: "Engine",
            dependencies: [
                "RedshiftSQL",
                "ObjectStore",
                "BulkFormats",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // AWS Signature Version 4, the math only (canonical request, string to sign, derived key):
        // shared by the Data API's signer and verifier and the S3 store.
        .target(
            name: "AWSSigning",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // An `ObjectStore` on an S3 API endpoint (moto, LocalStack, MinIO, AWS): path-style requests
        // signed with SigV4, over async-http-client, bridged to the store's blocking calls.
        .target(
            name: "S3Store",
            dependencies: [
                "ObjectStore",
                "AWSSigning",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The Data API's wire: shapes generated from the botocore model, AWS JSON 1.1, AWS errors.
        .target(
            name: "DataAPIModel",
            dependencies: [
                "AWSSigning",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Opening a blocking TCP connection, for the two blocking clients (DataAPIClient, PGClient).
        .target(
            name: "TCPConnect",
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The one Data API client: a typed client on the generated shapes, an HTTP/1.1 keep-alive
        // socket transport (URLSession for https), and the SigV4 signer (its math, `SigV4`, is
        // DataAPIModel's, shared with the server's verifier). No engine, no server.
        .target(
            name: "DataAPIClient",
            dependencies: [
                "DataAPIModel",
                "TCPConnect",
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The Data API door: an adapter from AWS JSON 1.1 over HTTP to the engine.
        .target(
            name: "DataAPI",
            dependencies: [
                "Engine",
                "DataAPIModel",
                "RedshiftSQL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The management API door: the Redshift (AWS Query protocol, XML) and Redshift Serverless
        // (AWS JSON 1.1) operations that issue temporary database credentials and describe clusters
        // and workgroups (IAM authentication), on the Data API's HTTP port; reuses its SigV4 verifier.
        .target(
            name: "ManagementAPI",
            dependencies: [
                "Engine",
                "DataAPI",
                "DataAPIModel",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // The PostgreSQL door (the cluster endpoint): the v3 wire protocol on SwiftNIO, an adapter
        // from Query/Parse/Bind/Execute to the engine. No Hummingbird, no Data API.
        .target(
            name: "PGWire",
            dependencies: [
                "Engine",
                "RedshiftSQL",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                "CEpoll",
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The web console: its page and the JSON API it polls; reads the engine, never the Data API.
        .target(
            name: "Console",
            dependencies: [
                "Engine",
                "RedshiftSQL",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Assets")],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        // The server: configuration, the doors on their ports, admin endpoints, background work.
        .target(
            name: "EmulatorServer",
            dependencies: [
                "Engine",
                "Console",
                "DataAPI",
                "PGWire",
                "ManagementAPI",
                "DataAPIModel",
                "ObjectStore",
                "S3Store",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "emulatord",
            dependencies: [
                "EmulatorServer",
                "Engine",
                "Replay",
                "DataAPIClient",
                "PGClient",
                "S3Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // A blocking PostgreSQL v3 client (the replayer's cluster-endpoint target): cleartext, MD5
        // and SCRAM-SHA-256 login, TLS (the system's OpenSSL), simple and extended query. No engine, no server.
        .target(
            name: "PGClient",
            dependencies: [
                "CSSL",
                "TCPConnect",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .systemLibrary(
            name: "CZlib",
            path: "Sources/CZlib"
        ),
        // libbz2, libzstd and libsnappy (Debian's -dev packages): compressed bulk data.
        .systemLibrary(name: "CBZip2", path: "Sources/CBZip2"),
        .systemLibrary(name: "CZstd", path: "Sources/CZstd"),
        .systemLibrary(name: "CSnappy", path: "Sources/CSnappy"),
        // Linux's epoll (libc): PGWire watches a connection's socket for a hang-up while its SQL runs.
        .systemLibrary(name: "CEpoll", path: "Sources/CEpoll"),
        // The system's OpenSSL (libssl-dev): TLS for PGClient (`sslmode=require`, `verify-full`).
        .systemLibrary(
            name: "CSSL",
            path: "Sources/CSSL"
        ),
        .target(
            name: "Replay",
            dependencies: [
                "Engine",
                "DataAPI",
                "DataAPIModel",
                "DataAPIClient",
                "PGClient",
                "RedshiftSQL",
                "CZlib",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .executableTarget(
            name: "emulator-bench",
            dependencies: [
                "Engine",
                "DataAPI",
                "DataAPIModel",
                "DataAPIClient",
                "EmulatorServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // A developer tool over the Parquet reader and writer (`schema`, `cat`, `write`): the
        // compat suite's bridge to pyarrow.
        .executableTarget(
            name: "parquet-tool",
            dependencies: ["BulkFormats", "ObjectStore"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "sql-translate",
            dependencies: [
                "RedshiftSQL",
                "Engine",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        // Logic-bug fuzzing of the SQL pipeline (issue 19): random worlds and queries, SQLancer's TLP
        // and NoREC oracles and an RLS tenant oracle, shrinking; drives the Engine in process.
        .target(
            name: "SQLFuzz",
            dependencies: [
                "Engine",
                "RedshiftSQL",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .executableTarget(
            name: "sql-fuzz",
            dependencies: [
                "SQLFuzz",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "SQLFuzzTests",
            dependencies: ["SQLFuzz", "Engine", "RedshiftSQL"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "RedshiftSQLTests",
            dependencies: [
                "RedshiftSQL",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ObjectStoreTests",
            dependencies: ["ObjectStore"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "S3StoreTests",
            dependencies: ["S3Store", "ObjectStore", "AWSSigning"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "BulkFormatsTests",
            dependencies: ["BulkFormats", "ObjectStore"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "EngineTests",
            dependencies: ["Engine", "RedshiftSQL", "ObjectStore", "BulkFormats", .product(name: "Logging", package: "swift-log")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "DataAPITests",
            dependencies: ["DataAPI", "DataAPIModel", "Engine", "RedshiftSQL",
                           .product(name: "HTTPTypes", package: "swift-http-types")],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ConsoleTests",
            dependencies: [
                "Console",
                "Engine",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "EmulatorServerTests",
            dependencies: [
                "EmulatorServer",
                "RedshiftSQL",
                "DataAPI",
                "DataAPIModel",
                "Engine",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "ReplayTests",
            dependencies: [
                "Replay",
                "EmulatorServer",
                "Engine",
                "DataAPIModel",
                "DataAPIClient",
                "PGClient",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "PGClientTests",
            dependencies: ["PGClient"],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "PGWireTests",
            dependencies: [
                "PGWire",
                "Engine",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            swiftSettings: [.swiftLanguageMode(.v6)]
        ),
        .testTarget(
            name: "ManagementAPITests",
            dependencies: ["ManagementAPI", "Engine"],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
        .testTarget(
            name: "DataAPIClientTests",
            dependencies: [
                "DataAPIClient",
                "DataAPIModel",
            ],
            swiftSettings: [.swiftLanguageMode(.v5)]
        ),
    ]
)
