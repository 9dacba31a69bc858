import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Properties;

/**
 * Drives pgjdbc against the emulator's PostgreSQL door, one scenario per argument, printing
 * `key=value` lines that test_pg_jdbc.py checks. Usage: PgJdbcProbe HOST PORT SCENARIO.
 */
public class PgJdbcProbe {
    public static void main(String[] args) throws Exception {
        String url = "jdbc:postgresql://" + args[0] + ":" + args[1] + "/dev";
        Properties props = new Properties();
        props.setProperty("user", "awsuser");
        props.setProperty("password", "any");
        props.setProperty("sslmode", "disable");
        // Server-side prepared statements (and binary transfer) from the first execution.
        props.setProperty("prepareThreshold", args.length > 3 ? args[3] : "1");
        try (Connection conn = DriverManager.getConnection(url, props)) {
            switch (args[2]) {
                case "connect": connect(conn); break;
                case "types": types(conn); break;
                case "fetch": fetch(conn); break;
                case "cancel": cancel(conn); break;
                case "errors": errors(conn); break;
                case "batch": batch(conn); break;
                default: throw new IllegalArgumentException(args[2]);
            }
        }
    }

    static void connect(Connection conn) throws SQLException {
        System.out.println("product=" + conn.getMetaData().getDatabaseProductVersion());
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select 1")) {
            rs.next();
            System.out.println("one=" + rs.getInt(1));
        }
    }

    static void types(Connection conn) throws SQLException {
        String sql = "select ?::int, ?::bigint, ?::varchar, ?::numeric(10,2), ?::date, ?::timestamp, ?::boolean, "
            + "?::double precision, ?::int";
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int round = 0; round < 3; round++) {   // pgjdbc switches to binary after the first rounds
                ps.setInt(1, 42);
                ps.setLong(2, 1L << 40);
                ps.setString(3, "héllo");
                ps.setBigDecimal(4, new BigDecimal("-12.34"));
                ps.setDate(5, Date.valueOf("2024-02-29"));
                ps.setTimestamp(6, Timestamp.valueOf("2024-01-02 03:04:05.6"));
                ps.setBoolean(7, true);
                ps.setDouble(8, 1.5);
                ps.setNull(9, Types.INTEGER);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= 9; i++) {
                        if (i > 1) row.append('|');
                        row.append(rs.getString(i));
                    }
                    System.out.println("row" + round + "=" + row);
                    ResultSetMetaData md = rs.getMetaData();
                    StringBuilder types = new StringBuilder();
                    for (int i = 1; i <= 9; i++) {
                        if (i > 1) types.append('|');
                        types.append(md.getColumnTypeName(i));
                    }
                    System.out.println("types" + round + "=" + types);
                }
            }
        }
    }

    static void fetch(Connection conn) throws SQLException {
        conn.setAutoCommit(false);
        try (Statement st = conn.createStatement()) {
            st.execute("create temp table jdbc_fetch (n int)");
            st.execute("insert into jdbc_fetch values (1), (2), (3), (4), (5), (6), (7)");
        }
        try (PreparedStatement ps = conn.prepareStatement("select n from jdbc_fetch where n > ? order by n")) {
            ps.setFetchSize(2);
            ps.setInt(1, 0);
            StringBuilder seen = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) seen.append(rs.getInt(1));
            }
            System.out.println("fetched=" + seen);
        }
        conn.commit();
        System.out.println("committed=yes");
    }

    static void cancel(Connection conn) throws Exception {
        try (Statement st = conn.createStatement()) {
            Thread canceller = new Thread(() -> {
                try {
                    Thread.sleep(500);
                    st.cancel();
                } catch (Exception e) {
                    System.out.println("cancel-error=" + e);
                }
            });
            canceller.start();
            try {
                st.executeQuery("with recursive r(n) as (select 1 union all select n + 1 from r where n < 500000000) "
                    + "select count(*) from r");
                System.out.println("cancelled=no");
            } catch (SQLException e) {
                System.out.println("cancelled=" + e.getSQLState());
            }
            canceller.join();
            try (ResultSet rs = st.executeQuery("select 2")) {
                rs.next();
                System.out.println("after=" + rs.getInt(1));
            }
        }
    }

    static void errors(Connection conn) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("select * from jdbc_no_such_table where a = ?")) {
            ps.setInt(1, 1);
            ps.executeQuery();
            System.out.println("error=none");
        } catch (SQLException e) {
            System.out.println("error=" + e.getSQLState());
        }
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery("select 3")) {
            rs.next();
            System.out.println("after=" + rs.getInt(1));
        }
    }

    static void batch(Connection conn) throws SQLException {
        try (Statement st = conn.createStatement()) {
            st.execute("create temp table jdbc_batch (n int, s varchar(10))");
        }
        try (PreparedStatement ps = conn.prepareStatement("insert into jdbc_batch values (?, ?)")) {
            for (int i = 1; i <= 300; i++) {
                ps.setInt(1, i);
                if (i % 3 == 0) ps.setNull(2, Types.VARCHAR); else ps.setString(2, "v" + i);
                ps.addBatch();
            }
            int total = 0;
            for (int count : ps.executeBatch()) total += count;
            System.out.println("inserted=" + total);
        }
        try (Statement st = conn.createStatement();
             ResultSet rs = st.executeQuery("select count(*), count(s), sum(n) from jdbc_batch")) {
            rs.next();
            System.out.println("counts=" + rs.getLong(1) + "|" + rs.getLong(2) + "|" + rs.getLong(3));
        }
    }
}
