/// Catalog views answered from the emulator's catalog: information_schema, pg_catalog, SVV_*.
enum CatalogViews {
    static var all: [SystemRelation] { [] }
}
