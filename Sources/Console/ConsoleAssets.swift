import Foundation
import Hummingbird
import NIOCore

/// The console's page, script and style sheet: files in `Sources/Console/Assets`, shipped as the
/// target's resources and read once.
enum ConsoleAssets {
    static let types = ["html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8"]
    static let names = ["index.html", "console.js", "console.css"]
    static let files: [String: Data] = {
        var files: [String: Data] = [:]
        for name in names {
            let url = Bundle.module.url(forResource: name, withExtension: nil)
                ?? Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Assets")
            if let url, let data = try? Data(contentsOf: url) { files[name] = data }
        }
        return files
    }()

    static func response(named name: String) throws -> Response {
        guard let data = files[name], let type = types[(name as NSString).pathExtension] else {
            throw HTTPError(.notFound, message: "No console asset \(name)")
        }
        return Response(status: .ok, headers: [.contentType: type, .cacheControl: "no-cache"],
                        body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// Bytes of the page, its script and its style sheet together.
    static var pageWeight: Int { files.values.reduce(0) { $0 + $1.count } }
}
