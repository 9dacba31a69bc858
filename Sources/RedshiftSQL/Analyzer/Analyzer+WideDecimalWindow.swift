/// Window forms over values SQLite keeps as BLOBs (DECIMAL(20…38) and VARBYTE): SQLite's window
/// machinery cannot run our exact aggregates, and `json_group_array` cannot hold a BLOB, so the
/// frame's values travel as JSON with each BLOB as `"x<hex>"` and come back through `rs_…` functions.
///
/// - Redshift: SUM and AVG window functions (r_WF_SUM, r_WF_AVG): of a DECIMAL(p, s) they are
///   DECIMAL(38, s), exact; LAG/LEAD/FIRST_VALUE/LAST_VALUE/NTH_VALUE … IGNORE NULLS of any type.
extension Analyzer {
    /// True when values of `type` are stored as SQLite BLOBs.
    func isStoredAsBlob(_ type: RedshiftType) -> Bool { type.isVarbyte || isWideDecimal(type) }

    /// `value` made JSON-safe for `json_group_array` (BLOBs as "x<hex>"); unchanged for other types.
    func jsonSafe(_ value: Expr) -> Expr {
        isStoredAsBlob(value.type) ? .call("rs_blob_to_json", [value], type: .varchar(length: 65535), nullable: value.nullable) : value
    }

    /// The inverse of `jsonSafe` for a value picked back out of the JSON array.
    func fromJSONSafe(_ picked: Expr, type: RedshiftType) -> Expr {
        isStoredAsBlob(type) ? .call("rs_json_to_blob", [picked], type: type, nullable: true).with(hasWindow: picked.hasWindow) : picked
    }

    /// SUM or AVG of a wide DECIMAL over a window: the frame's values as JSON, added exactly by
    /// `rs_wdecimal_frame(values, average)`.
    func wideDecimalWindow(average: Bool, _ argument: Expr, type: RedshiftType, partition: [Expr], order: [Bound.OrderItem], frame: String?) -> Expr {
        let array = Expr.call("json_group_array", [jsonSafe(argument)], type: .varchar(length: 65535), nullable: false)
        let values = Expr(kind: .window(array, partitionBy: partition, orderBy: order, frame: frame), type: .varchar(length: 65535), nullable: false, hasWindow: true)
        return Expr.call("rs_wdecimal_frame", [values, .literal(.integer(average ? 1 : 0), .integer)], type: type, nullable: true).with(hasWindow: true)
    }
}
