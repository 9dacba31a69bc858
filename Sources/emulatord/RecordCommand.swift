import ArgumentParser
import DataAPIClient
import Foundation
import Logging
import Replay

/// `emulatord record`: a recording proxy in front of a real (or emulated) Data API endpoint.
struct RecordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Forward Data API calls to an upstream endpoint and record every statement.",
        discussion: """
            Calls are re-signed with SigV4 from AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and \
            AWS_SESSION_TOKEN for AWS_REGION (or AWS_DEFAULT_REGION); without credentials the \
            client's own signature headers are forwarded.
            """)

    @Option(help: "The Data API endpoint to forward to, e.g. https://redshift-data.us-east-1.amazonaws.com") var upstream: String
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on; 0 picks a free port.") var port = 8080
    @Option(help: "The recording to write (JSON Lines).") var out: String
    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.") var logLevel = "warning"

    func validate() throws {
        guard let url = URL(string: upstream), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw ValidationError("--upstream must be an http(s) URL")
        }
        if !(0...65535).contains(port) { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var logger = Logger(label: "emulatord.record")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .warning
        var configuration = RecordingProxyConfiguration(upstream: URL(string: upstream)!)
        configuration.host = host
        configuration.port = port
        configuration.credentials = AWSCredentials.fromEnvironment()
        configuration.region = RecordingProxyConfiguration.region()
        if configuration.credentials == nil {
            FileHandle.standardError.write(Data("emulatord record: no AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY; forwarding the client's signature unchanged\n".utf8))
        }
        let writer: RecordingWriter
        do {
            var header = RecordingHeader(source: .proxy)
            header.inputs = [upstream]
            writer = try RecordingWriter(path: out, header: header)
        } catch {
            FileHandle.standardError.write(Data("emulatord record: --out: \(error)\n".utf8))
            throw ExitCode(2)
        }
        let (proxy, app) = RecordingProxy.build(configuration, writer: writer, logger: logger) { host, port in
            print("emulatord listening on http://\(host):\(port)")
            fflush(stdout)
        }
        do {
            try await app.runService()
        } catch {
            await proxy.finish()
            try? writer.close()
            throw error
        }
        await proxy.finish()
        try writer.close()
    }
}
