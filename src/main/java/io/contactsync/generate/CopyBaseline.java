package io.contactsync.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
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
 * it (same columns, indexes and constraints), and only that second copy is timed. The empty tables are
 * dropped again; the store is not changed.
 */
class CopyBaseline {

	static final List<String> TABLES = List.of("contact", "contact_identity", "conversation", "message");

	private final DataSource dataSource;

	CopyBaseline(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	record Timing(String table, long rows, double seconds) {
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

	private static Timing time(Connection connection, CopyManager copy, String table) throws SQLException, IOException {
		Path rows = Files.createTempFile("copy-baseline-" + table, ".copy");
		String clone = "copy_baseline_" + table;
		try (Statement sql = connection.createStatement()) {
			long count;
			try (OutputStream out = Files.newOutputStream(rows)) {
				count = copy.copyOut("COPY " + table + " TO STDOUT (FORMAT binary)", out);
			}
			sql.execute("DROP TABLE IF EXISTS " + clone);
			sql.execute("CREATE TABLE " + clone + " (LIKE " + table + " INCLUDING ALL)");
			long start = System.nanoTime();
			try (InputStream in = Files.newInputStream(rows)) {
				copy.copyIn("COPY " + clone + " FROM STDIN (FORMAT binary)", in);
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			sql.execute("DROP TABLE " + clone);
			return new Timing(table, count, seconds);
		}
		finally {
			Files.deleteIfExists(rows);
		}
	}
}
