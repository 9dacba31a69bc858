import Foundation
import HTTPTypes
import Hummingbird

/// Who may use the console and the admin routes. Open when the server does not verify signatures
/// (as the Data API then is); otherwise a request needs the token printed at start — as
/// `?token=`, the `emulatord_console` cookie the console's page sets, or `Authorization: Bearer` —
/// or, for the admin routes, a request the Data API's signature check accepts.
public struct ConsoleAccess: Sendable {
    /// nil: open.
    public let token: String?

    public init(token: String?) { self.token = token }

    public static let cookieName = "emulatord_console"

    /// A fresh random token.
    public static func newToken() -> String {
        (0..<4).map { _ in String(UInt64.random(in: 0...UInt64.max), radix: 16) }.joined()
    }

    /// True when the request carries the token (or none is needed).
    public func admits(_ request: Request) -> Bool {
        guard let token else { return true }
        if request.uri.queryParameters["token"].map(String.init) == token { return true }
        if let authorization = request.headers[.authorization], authorization == "Bearer " + token { return true }
        for cookie in request.headers[values: .cookie] {
            for pair in cookie.split(separator: ";") {
                let parts = pair.trimmingCharacters(in: .whitespaces).split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0] == Self.cookieName, parts[1] == token { return true }
            }
        }
        return false
    }

    /// The cookie that keeps the page's later requests admitted.
    var cookie: String? {
        token.map { "\(Self.cookieName)=\($0); Path=/; HttpOnly; SameSite=Strict" }
    }
}
