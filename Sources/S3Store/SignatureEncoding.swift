import AWSSigning

/// URI encoding as SigV4 and S3 want it: the same encoding goes on the wire and into the
/// canonical request, so the two always agree.
enum SignatureEncoding {
    /// One path segment (or query name or value), RFC 3986 unreserved characters kept.
    static func segment(_ text: String) -> String { SignatureV4.uriEncode(text) }
}
