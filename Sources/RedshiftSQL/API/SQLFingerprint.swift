/// The shape of a statement: its text normalized so that every run of the same statement with other
/// literals shares one fingerprint (WLM's compile cache, replay reports per statement shape).
///
/// Literals (strings, numbers) become `?`; keywords and unquoted identifiers are lower-cased;
/// quoted identifiers and parameters stay as written; comments are dropped and whitespace becomes
/// one space where the text had any; a list of only literals becomes `(?)` (`IN (1, 2, 3)` →
/// `IN (?)`) and a row of VALUES equal to the row before it is dropped (`VALUES (1, 'a'), (2, 'b')`
/// → `VALUES (?)`, `VALUES (1, :p), (2, :p)` → `VALUES (?, :p)`), so a bulk INSERT's fingerprint
/// does not grow with its rows; trailing `;` are dropped.
///
/// ```swift
/// SQLFingerprint.of("SELECT  2 -- x") == SQLFingerprint.of("select 1")   // "select ?"
/// ```
///
/// It comes from the lexer's tokens: `Translator.parse(_:)` computes it in the same pass that feeds
/// the parser (`ParsedStatement.fingerprint`).
public enum SQLFingerprint: Sendable {
    /// The fingerprint of any text, even text that does not lex (importers read arbitrary logs):
    /// an unterminated literal runs to the end, a stray character is kept as it is. Never throws.
    public static func of(_ sql: String) -> String { LexedStatement(sql).fingerprint }
}
