package io.contactsync.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.config.OwnerOnlyFiles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reject report of a run: one JSON object per line for each record it could not take, with where it
 * came from (file and line, or inbox id), why, and the record as read. Written whole from capture_reject,
 * so writing it again gives the same file.
 */
@Component
class RejectReport {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RejectReport(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	static String describe(long rejected, Path report) {
		return rejected == 0 ? "no records rejected"
				: rejected + " record" + (rejected == 1 ? "" : "s") + " rejected: see " + report;
	}

	/** Writes the run's rejects to the file and returns how many there were. */
	long write(long runId, Path report) {
		try {
			try (Writer out = OwnerOnlyFiles.newBufferedWriter(report)) {
				return jdbc.sql("""
						select source, line, inbox_id, reason, raw from capture_reject
						where run_id = :run order by source, line, inbox_id""")
					.param("run", runId)
					.query(rs -> {
						long count = 0;
						while (rs.next()) {
							Map<String, Object> entry = new LinkedHashMap<>();
							entry.put("source", rs.getString("source"));
							entry.put("line", rs.getObject("line"));
							entry.put("inbox_id", rs.getObject("inbox_id"));
							entry.put("reason", rs.getString("reason"));
							entry.put("raw", rs.getString("raw"));
							writeLine(out, json.writeValueAsString(entry));
							count++;
						}
						return count;
					});
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the reject report " + report, ex);
		}
	}

	private static void writeLine(Writer out, String line) {
		try {
			out.write(line);
			out.write('\n');
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
