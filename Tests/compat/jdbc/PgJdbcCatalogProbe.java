import java.sql.*;

/** pgjdbc's DatabaseMetaData against the emulator's catalog (test_pg_catalog.py): prints
 *  `call=field|field|…` lines for getSchemas, getTables, getColumns, getIndexInfo, getPrimaryKeys,
 *  getImportedKeys and getExportedKeys. */
public class PgJdbcCatalogProbe {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/dev?sslmode=disable";
        String schema = args[2];
        try (Connection c = DriverManager.getConnection(url, "awsuser", "any")) {
            DatabaseMetaData md = c.getMetaData();
            print("schema", md.getSchemas(), "TABLE_SCHEM");
            print("table", md.getTables(null, schema, "%", new String[]{"TABLE", "VIEW"}), "TABLE_NAME", "TABLE_TYPE");
            print("column", md.getColumns(null, schema, "customers", null), "COLUMN_NAME", "TYPE_NAME", "COLUMN_SIZE", "NULLABLE");
            print("index", md.getIndexInfo(null, schema, "orders", false, true), "INDEX_NAME", "NON_UNIQUE", "ORDINAL_POSITION", "COLUMN_NAME");
            for (String table : new String[]{"customers", "orders"}) {
                print("pk", md.getPrimaryKeys(null, schema, table), "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");
            }
            String[] keyFields = {"PKTABLE_NAME", "PKCOLUMN_NAME", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
                                  "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY"};
            print("imported", md.getImportedKeys(null, schema, "orders"), keyFields);
            print("exported", md.getExportedKeys(null, schema, "customers"), keyFields);
            print("imported-none", md.getImportedKeys(null, schema, "customers"), keyFields);
        }
    }

    static void print(String call, ResultSet rs, String... fields) throws SQLException {
        while (rs.next()) {
            StringBuilder line = new StringBuilder(call).append("=");
            for (int i = 0; i < fields.length; i++) line.append(i == 0 ? "" : "|").append(rs.getString(fields[i]));
            System.out.println(line);
        }
    }
}
