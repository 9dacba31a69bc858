import Foundation

/// The AWS Query protocol as the Redshift management API (version 2012-12-01) speaks it: a
/// form-encoded request (`Action=…&Version=…&Name=value`, lists as `Name.Member.N`) and an XML
/// answer in the service's namespace.
public enum QueryProtocol {
    /// `xmlNamespace` of botocore's `redshift` 2012-12-01 model.
    public static let namespace = "http://redshift.amazonaws.com/doc/2012-12-01/"
    public static let version = "2012-12-01"
    public static let contentType = "text/xml"

    /// Decodes `application/x-www-form-urlencoded` text (`+` is a space). Later duplicates win.
    public static func parseForm(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            guard !name.isEmpty else { continue }
            fields[name] = parts.count > 1 ? decode(parts[1]) : ""
        }
        return fields
    }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `Name.Member.1`, `Name.Member.2`, … in order (the list stops at the first gap).
    public static func list(_ fields: [String: String], _ name: String, member: String) -> [String] {
        var values: [String] = []
        var index = 1
        while let value = fields["\(name).\(member).\(index)"] {
            values.append(value)
            index += 1
        }
        return values
    }

    /// ISO 8601 with milliseconds in UTC, as the Query protocol's XML timestamps read.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: date)
    }

    /// `<ActionResponse xmlns=…><ActionResult>body</ActionResult><ResponseMetadata>…</ResponseMetadata></ActionResponse>`.
    public static func response(action: String, requestId: String, result: QueryXML) -> String {
        var xml = XMLText()
        xml.open("\(action)Response", attributes: " xmlns=\"\(namespace)\"")
        xml.element("\(action)Result", result)
        xml.open("ResponseMetadata")
        xml.leaf("RequestId", requestId)
        xml.close("ResponseMetadata")
        xml.close("\(action)Response")
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + xml.text
    }
}

/// A small XML tree for answers: leaves with text, or elements with children.
public indirect enum QueryXML: Sendable {
    case leaf(String, String)
    case node(String, [QueryXML])
    /// Children without a wrapping element (the contents of a Result).
    case group([QueryXML])

    /// `name` with text, or nothing when the value is nil (absent members are omitted).
    public static func optional(_ name: String, _ value: String?) -> QueryXML {
        value.map { .leaf(name, $0) } ?? .group([])
    }
}

/// Builds XML text with escaped contents.
struct XMLText {
    var text = ""

    mutating func open(_ name: String, attributes: String = "") { text += "<\(name)\(attributes)>" }
    mutating func close(_ name: String) { text += "</\(name)>" }
    mutating func leaf(_ name: String, _ value: String) { text += "<\(name)>\(Self.escape(value))</\(name)>" }

    /// `<name>` around `content` (a group's children directly).
    mutating func element(_ name: String, _ content: QueryXML) {
        open(name)
        write(content)
        close(name)
    }

    mutating func write(_ element: QueryXML) {
        switch element {
        case let .leaf(name, value): leaf(name, value)
        case let .node(name, children):
            open(name)
            children.forEach { write($0) }
            close(name)
        case let .group(children): children.forEach { write($0) }
        }
    }

    static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

/// An error of the Query protocol: `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`.
public struct QueryError: Error, Equatable, Sendable {
    public var code: String
    public var message: String
    public var httpStatus: Int
    /// `Sender` for the caller's mistakes, `Receiver` for the service's.
    public var sender: Bool

    public init(_ code: String, _ message: String, httpStatus: Int = 400, sender: Bool = true) {
        self.code = code
        self.message = message
        self.httpStatus = httpStatus
        self.sender = sender
    }

    /// `ClusterNotFoundFault` of the model: code `ClusterNotFound`, HTTP 404.
    public static func clusterNotFound(_ identifier: String) -> QueryError {
        QueryError("ClusterNotFound", "Cluster \(identifier) not found.", httpStatus: 404)
    }

    public static func invalidParameter(_ message: String) -> QueryError {
        QueryError("InvalidParameterValue", message)
    }

    public static func missingParameter(_ name: String) -> QueryError {
        QueryError("MissingParameter", "The request must contain the parameter \(name)")
    }

    public func body(requestId: String) -> String {
        var xml = XMLText()
        xml.open("ErrorResponse", attributes: " xmlns=\"\(QueryProtocol.namespace)\"")
        xml.open("Error")
        xml.leaf("Type", sender ? "Sender" : "Receiver")
        xml.leaf("Code", code)
        xml.leaf("Message", message)
        xml.close("Error")
        xml.leaf("RequestId", requestId)
        xml.close("ErrorResponse")
        return #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n" + xml.text
    }
}
