import NIOSSL

/// The cluster endpoint's TLS: a certificate chain and its private key, both PEM files
/// (`serve --tls-cert FILE --tls-key FILE`).
///
/// ```swift
/// configuration.tls = try PGTLS(certificatePath: "server.crt", keyPath: "server.key")
/// ```
public struct PGTLS: Sendable {
    let context: NIOSSLContext

    /// Reads both files and checks that they make a server context; the error names the file.
    public init(certificatePath: String, keyPath: String) throws {
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMFile(certificatePath)
        } catch {
            throw PGTLSError("cannot read the TLS certificate \(certificatePath): \(error)")
        }
        guard !chain.isEmpty else { throw PGTLSError("no certificate in \(certificatePath)") }
        let key: NIOSSLPrivateKey
        do {
            key = try NIOSSLPrivateKey(file: keyPath, format: .pem)
        } catch {
            throw PGTLSError("cannot read the TLS private key \(keyPath): \(error)")
        }
        let configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
        do {
            context = try NIOSSLContext(configuration: configuration)
        } catch {
            throw PGTLSError("the TLS certificate \(certificatePath) and key \(keyPath) do not make a server context: \(error)")
        }
    }
}

/// A TLS certificate or key that cannot be used.
public struct PGTLSError: Error, CustomStringConvertible {
    public var description: String
    init(_ description: String) { self.description = description }
}
