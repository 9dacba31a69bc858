/// The security catalog a statement is analyzed against: privileges, RLS and masking.
///
/// Every `CatalogReader` must provide one (there is no default), so that a catalog which enforces
/// nothing says so explicitly instead of failing open by omission.
public enum PolicySnapshot: Sendable {
    /// The database's users, grants and policies at one catalog generation.
    case enforced(SecurityState)
    /// Nothing is enforced: no privilege checks, no RLS, no masking. Only for catalogs without
    /// security tables by design: unit tests of translation that say so.
    case unenforced
}
