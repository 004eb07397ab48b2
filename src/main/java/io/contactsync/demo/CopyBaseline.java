package io.contactsync.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * How long PostgreSQL's COPY takes to load the rows now in the store's tables: the yardstick an import is
 * measured against. Each table's rows are copied out to a file, then copied into an empty table built like
 * it (same columns, indexes, constraints and foreign keys), and only that second copy is timed. The empty tables are
 * dropped again; the store is not changed.
 */
class CopyBaseline {

	static final List<String> TABLES = List.of("contact", "contact_identity", "conversation", "message");

	private final DataSource dataSource;

	CopyBaseline(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** One table's copy: its rows, and the seconds COPY took with and without its foreign keys. */
	record Timing(String table, long rows, double seconds, double secondsWithoutForeignKeys) {
	}

	List<Timing> measure() throws SQLException, IOException {
		List<Timing> timings = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
			for (String table : TABLES) {
				timings.add(time(connection, copy, table));
			}
		}
		return timings;
	}

	private static double load(Statement sql, CopyManager copy, String table, String clone, Path rows,
			boolean foreignKeys) throws SQLException, IOException {
		sql.execute("DROP TABLE IF EXISTS " + clone);
		sql.execute("CREATE TABLE " + clone + " (LIKE " + table + " INCLUDING ALL)");
		if (foreignKeys) {
			copyForeignKeys(sql.getConnection(), table, clone);
		}
		long start = System.nanoTime();
		try (InputStream in = Files.newInputStream(rows)) {
			copy.copyIn("COPY " + clone + " FROM STDIN (FORMAT binary)", in);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		sql.execute("DROP TABLE " + clone);
		return seconds;
	}

	/** LIKE leaves foreign keys out; the real tables check theirs on every row, so the copies must too. */
	private static void copyForeignKeys(Connection connection, String table, String clone) throws SQLException {
		List<String> definitions = new ArrayList<>();
		try (Statement sql = connection.createStatement();
				ResultSet keys = sql.executeQuery("select pg_get_constraintdef(oid) from pg_constraint "
						+ "where conrelid = '" + table + "'::regclass and contype = 'f'")) {
			while (keys.next()) {
				definitions.add(keys.getString(1));
			}
		}
		try (Statement sql = connection.createStatement()) {
			for (String definition : definitions) {
				sql.execute("ALTER TABLE " + clone + " ADD " + definition);
			}
		}
	}

	private static Timing time(Connection connection, CopyManager copy, String table) throws SQLException, IOException {
		Path rows = Files.createTempFile("copy-baseline-" + table, ".copy");
		String clone = "copy_baseline_" + table;
		try (Statement sql = connection.createStatement()) {
			long count;
			try (OutputStream out = Files.newOutputStream(rows)) {
				count = copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out);
			}
			double withoutForeignKeys = load(sql, copy, table, clone, rows, false);
			double seconds = load(sql, copy, table, clone, rows, true);
			return new Timing(table, count, seconds, withoutForeignKeys);
		}
		finally {
			Files.deleteIfExists(rows);
		}
	}
}
