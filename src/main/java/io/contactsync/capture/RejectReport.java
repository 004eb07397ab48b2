package io.contactsync.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.config.OwnerOnlyFiles;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The report of a run: one JSON object per line, in the order of the input, for each record it could not take
 * ({@code "kind":"rejected"}: where it came from (file, line and element, or inbox id), why, and the record as
 * read, escaped and capped) and for each field it imported cleaned, cut or without ({@code "kind":"warning"}: where,
 * which field, why). Written whole from capture_reject and capture_warning, so writing it again gives the same
 * file.
 */
@Component
class RejectReport {

	private final JdbcClient jdbc;

	private final JsonMapper json;

	RejectReport(JdbcClient jdbc, JsonMapper json) {
		this.jdbc = jdbc;
		this.json = json;
	}

	/** What a run's report holds, as the step's message says it. */
	record Counts(long rejected, long warnings) {

		String describe(Path report) {
			if (rejected == 0 && warnings == 0) {
				return "no records rejected";
			}
			String records = rejected + " record" + (rejected == 1 ? "" : "s") + " rejected";
			return (warnings == 0 ? records : records + ", " + warnings + " field" + (warnings == 1 ? "" : "s")
					+ " cleaned, cut or dropped") + ": see " + report;
		}
	}

	/** Writes the run's rejects and warnings to the file and says how many there were. */
	Counts write(long runId, Path report) {
		try {
			try (Writer out = OwnerOnlyFiles.newBufferedWriter(report)) {
				return jdbc.sql("""
						select 'rejected' as kind, source, line, element, inbox_id, null as field, reason, raw
						from capture_reject where run_id = :run
						union all
						select 'warning', source, line, element, inbox_id, field, reason, null
						from capture_warning where run_id = :run
						order by source, line, element nulls first, inbox_id, kind, field""")
					.param("run", runId)
					.query((ResultSet rs) -> {
						long[] counts = new long[2];
						while (rs.next()) {
							Map<String, Object> entry = new LinkedHashMap<>();
							entry.put("kind", rs.getString("kind"));
							entry.put("source", rs.getString("source"));
							entry.put("line", rs.getObject("line"));
							entry.put("element", rs.getObject("element"));
							entry.put("inbox_id", rs.getObject("inbox_id"));
							if (rs.getString("field") != null) {
								entry.put("field", rs.getString("field"));
							}
							entry.put("reason", rs.getString("reason"));
							if ("rejected".equals(rs.getString("kind"))) {
								entry.put("raw", rs.getString("raw"));
							}
							writeLine(out, json.writeValueAsString(entry));
							counts["rejected".equals(rs.getString("kind")) ? 0 : 1]++;
						}
						return new Counts(counts[0], counts[1]);
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
