extension ParsedStatement {
    /// The cursor a FETCH reads (folded as DECLARE folds it), nil for other statements: a door can
    /// describe a FETCH from the cursor's columns (`RedshiftEngine.cursorColumns`) without running it.
    public var fetchedCursor: String? {
        if case .success(.cursor(.fetch(let name, _, _))) = syntax { return name }
        return nil
    }
}
