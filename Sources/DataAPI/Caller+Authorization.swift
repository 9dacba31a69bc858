import Engine

extension Caller {
    /// The caller of a request: the access key id of `Authorization: AWS4-HMAC-SHA256
    /// Credential=<id>/...`, or `anonymous`.
    init(authorization: String?) {
        guard let authorization,
              let range = authorization.range(of: "Credential=") else { self = .anonymous; return }
        let rest = authorization[range.upperBound...]
        let id = rest.prefix { $0 != "/" && $0 != "," && $0 != " " }
        self.init(accessKeyId: id.isEmpty ? "anonymous" : String(id))
    }
}
