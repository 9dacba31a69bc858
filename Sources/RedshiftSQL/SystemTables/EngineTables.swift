/// System tables the engine fills with its own activity: STL_*, STV_*, SVL_*, SYS_*.
enum EngineTables {
    static var all: [SystemRelation] { [] }
}
