package io.contactsync.crm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.config.OwnerOnlyFiles;
import io.contactsync.jobs.RunEnded;
import io.contactsync.store.SpreadsheetText;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
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

	private final Partitions partitions;

	private final Path errorReport;

	private final Path dryRunReport;

	PushReport(List<CrmMapping> mappings, JdbcClient jdbc, Partitions partitions, Path errorReport,
			Path dryRunReport) {
		this.mappings = mappings;
		this.jdbc = jdbc;
		this.partitions = partitions;
		this.errorReport = errorReport;
		this.dryRunReport = dryRunReport;
	}

	/**
	 * Where the id ranges' step executions are: the last execution of each range of this job instance,
	 * whether it ran now or completed before the run was killed and resumed.
	 */
	record Partitions(JobRepository repository, String stepName, int gridSize) {

		List<StepExecution> lastExecutions(StepExecution manager) {
			List<StepExecution> executions = new ArrayList<>();
			for (int i = 0; i < gridSize; i++) {
				StepExecution last = repository.getLastStepExecution(manager.getJobExecution().getJobInstance(),
						stepName + ":partition" + i);
				if (last != null) {
					executions.add(last);
				}
			}
			return executions;
		}
	}

	@Override
	@SuppressWarnings("unchecked")
	public ExitStatus afterStep(StepExecution step) {
		Map<String, Long> counts = new LinkedHashMap<>();
		long unchanged = 0;
		for (StepExecution range : partitions.lastExecutions(step)) {
			Object saved = range.getExecutionContext().get(PushWriter.COUNTS);
			if (saved instanceof Map<?, ?> map) {
				((Map<String, Long>) map).forEach((what, n) -> counts.merge(what, n, Long::sum));
			}
			unchanged += range.getFilterCount();
		}
		StringBuilder said = new StringBuilder();
		said.append(counts.getOrDefault("created", 0L)).append(" created, ")
			.append(counts.getOrDefault("updated", 0L)).append(" updated, ")
			.append(unchanged).append(" unchanged, ")
			.append(counts.getOrDefault("failed", 0L)).append(" failed, in ")
			.append(counts.getOrDefault("requests", 0L)).append(" requests");
		if (counts.containsKey("would send")) {
			said.append("; dry run: ").append(counts.get("would send")).append(" records not sent (")
				.append(counts.getOrDefault("would request", 0L)).append(" requests), their exact bodies in ")
				.append(dryRunReport);
		}
		// For observers of the run (the alerts' failed share), as numbers rather than the sentence above.
		Map<String, Long> totals = new LinkedHashMap<>();
		totals.put("created", counts.getOrDefault("created", 0L));
		totals.put("updated", counts.getOrDefault("updated", 0L));
		totals.put("unchanged", unchanged);
		totals.put("failed", counts.getOrDefault("failed", 0L));
		totals.put("would_send", counts.getOrDefault("would send", 0L));
		step.getExecutionContext().put(RunEnded.COUNTS, totals);
		long failed = writeErrors();
		if (failed > 0) {
			said.append("; ").append(failed).append(" contacts failing: see ").append(errorReport);
		}
		return step.getExitStatus().addExitDescription(said.toString());
	}

	private long writeErrors() {
		List<List<String>> rows = jdbc.sql("""
				select contact_id::text, target, last_error from crm_link
				where status in ('failed', 'shared') and target in (:targets) order by target, contact_id""")
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
			try (Writer out = OwnerOnlyFiles.newBufferedWriter(errorReport);
					CSVPrinter csv = CSVFormat.DEFAULT.builder()
						.setHeader("contact_id", "target", "code", "message")
						.get()
						.print(out)) {
				for (List<String> row : rows) {
					// A CRM's message can quote what a visitor typed; the report is opened in spreadsheets.
					csv.printRecord(row.stream().map(SpreadsheetText::inert).toList());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the error report " + errorReport, ex);
		}
		return rows.size();
	}
}
