package io.contactsync.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Says what a push did — created, updated, unchanged, failed, or in a dry run what it would have sent —
 * and writes the error report: a CSV of every contact whose last push to one of the run's targets failed,
 * with the vendor's code and message, like Data Loader's error file.
 */
class PushReport implements StepExecutionListener {

	private final List<CrmMapping> mappings;

	private final JdbcClient jdbc;

	private final Path errorReport;

	private final Path dryRunReport;

	PushReport(List<CrmMapping> mappings, JdbcClient jdbc, Path errorReport, Path dryRunReport) {
		this.mappings = mappings;
		this.jdbc = jdbc;
		this.errorReport = errorReport;
		this.dryRunReport = dryRunReport;
	}

	@Override
	@SuppressWarnings("unchecked")
	public ExitStatus afterStep(StepExecution step) {
		Map<String, Long> counts = (Map<String, Long>) step.getExecutionContext().get(PushWriter.COUNTS);
		counts = counts == null ? Map.of() : counts;
		StringBuilder said = new StringBuilder();
		said.append(counts.getOrDefault("created", 0L)).append(" created, ")
			.append(counts.getOrDefault("updated", 0L)).append(" updated, ")
			.append(step.getFilterCount()).append(" unchanged, ")
			.append(counts.getOrDefault("failed", 0L)).append(" failed, in ")
			.append(counts.getOrDefault("requests", 0L)).append(" requests");
		if (counts.containsKey("would send")) {
			said.append("; dry run: ").append(counts.get("would send")).append(" records not sent, their requests in ")
				.append(dryRunReport);
		}
		long failed = writeErrors();
		if (failed > 0) {
			said.append("; ").append(failed).append(" contacts failing: see ").append(errorReport);
		}
		return step.getExitStatus().addExitDescription(said.toString());
	}

	private long writeErrors() {
		List<List<String>> rows = jdbc.sql("""
				select contact_id::text, target, last_error from crm_link
				where status = 'failed' and target in (:targets) order by target, contact_id""")
			.param("targets", mappings.stream().map(CrmMapping::name).toList())
			.query((rs, row) -> {
				String error = rs.getString("last_error");
				int colon = error == null ? -1 : error.indexOf(": ");
				return List.of(rs.getString(1), rs.getString(2), colon < 0 ? "" : error.substring(0, colon),
						colon < 0 ? String.valueOf(error) : error.substring(colon + 2));
			})
			.list();
		if (rows.isEmpty()) {
			return 0;
		}
		try {
			Files.createDirectories(errorReport.toAbsolutePath().getParent());
			try (Writer out = Files.newBufferedWriter(errorReport, StandardCharsets.UTF_8);
					CSVPrinter csv = CSVFormat.DEFAULT.builder()
						.setHeader("contact_id", "target", "code", "message")
						.get()
						.print(out)) {
				for (List<String> row : rows) {
					csv.printRecord(row);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the error report " + errorReport, ex);
		}
		return rows.size();
	}
}
