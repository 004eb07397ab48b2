package io.contactsync.store;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Who writes which table, read from the SQL in the sources: a feature's private tables only that feature, the
 * shared tables {@code store} and, for their column groups, the modules named here. The table below is the
 * documentation of that rule; a write by a module it does not name fails, and so does a table without an owner.
 * The scan reads text, not Java: SQL quoted in a comment counts as a write too, which errs on the safe side.
 * Which columns of contact a module updates is documented here, not checked.
 */
class TableOwnershipTests {

	private static final Path SOURCES = Path.of("src/main/java/io/contactsync");

	private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");

	/** Each table, then each module that may write it, with what it writes there. */
	private static final Map<String, Map<String, String>> WRITERS = Map.ofEntries(
			// The shared store.
			entry("contact", Map.of(
					"store", "one contact's profile as a person edits it, its deletion through the API, the purge",
					"capture", "new contacts, and the fill-only merge of what captures say (profile, attributes,"
							+ " last_activity_at)",
					"dedup", "merged_into, the survivor's filled fields and their undo",
					"scoring", "the lead columns: lead_score, lead_temperature, lead_status",
					"retention", "archived_at (and the archived lead_status), the erasure_* request columns",
					"demo", "demo and benchmark contacts (generate, dedup-sample)")),
			entry("contact_identity", Map.of("store", "the purge", "capture", "identities captures bring",
					"dedup", "moved to the survivor of a merge and back on undo",
					"demo", "demo and benchmark data")),
			entry("conversation", Map.of("store", "closing open ones, the purge", "capture", "what captures bring",
					"dedup", "moved to the survivor of a merge and back on undo",
					"demo", "demo and benchmark data")),
			entry("message", Map.of("store", "the purge", "capture", "what captures bring",
					"demo", "demo and benchmark data")),
			entry("audit_event", Map.of("store", "AuditLog, for every module")),
			// Each feature's own.
			entry("capture_inbox", only("capture")), entry("capture_staging", only("capture")),
			entry("capture_reject", only("capture")), entry("capture_warning", only("capture")),
			entry("dedup_feature", only("dedup")), entry("dedup_frequency", only("dedup")),
			entry("dedup_pair", only("dedup")),
			entry("dedup_score", only("dedup")), entry("merge_plan", only("dedup")),
			entry("duplicate_candidate", only("dedup")), entry("merge_record", only("dedup")),
			entry("lead_score", only("scoring")), entry("lead_intent_staging", only("scoring")),
			entry("lead_score_staging", only("scoring")),
			entry("crm_link", only("crm")), entry("crm_rate_bucket", only("crm")),
			entry("crm_activity_link", only("crm")),
			// Spring Batch's (V1), written by Spring Batch itself; jobs owns the job history.
			entry("batch_job_execution_params", only("jobs")));

	/** SQL that writes: the statements, COPY's target column lists, and the run-row helper's table. */
	private static final List<Pattern> WRITES = List.of(
			Pattern.compile("(?i)\\b(?:insert\\s+into|update|delete\\s+from|copy|truncate(?:\\s+table)?)"
					+ "\\s+(\\w+(?:\\s*,\\s*\\w+)*)"),
			Pattern.compile("\"(\\w+) \\(\\w+,"), Pattern.compile("RunRows\\.clear\\(\\w+, \"(\\w+)\""),
			// A library's table, written through the library: Bucket4j's builder is told its name.
			Pattern.compile("\\.table\\(\"(\\w+)\"\\)"));

	@Test
	void everyTableIsWrittenOnlyByTheModulesThatOwnIt() {
		Map<String, Set<String>> written = writesPerTable();
		Map<String, Set<String>> strangers = new TreeMap<>();
		written.forEach((table, modules) -> modules.stream()
			.filter(module -> !WRITERS.get(table).containsKey(module))
			.forEach(module -> strangers.computeIfAbsent(table, t -> new TreeSet<>()).add(module)));
		assertThat(strangers).as("modules writing a table they do not own (table=modules)").isEmpty();
	}

	@Test
	void everyTableHasAnOwnerAndEveryListedWriterStillWrites() {
		assertThat(WRITERS).as("tables the migrations create").containsKeys(migratedTables().toArray(String[]::new));
		Map<String, Set<String>> written = writesPerTable();
		WRITERS.forEach((table, modules) -> assertThat(written.getOrDefault(table, Set.of()))
			.as("the modules that write %s, as the table above says", table)
			.containsAll(modules.keySet()));
	}

	private static Map<String, String> only(String module) {
		return Map.of(module, "its own table");
	}

	/** For each owned table, the top-level packages whose sources write it. */
	private static Map<String, Set<String>> writesPerTable() {
		Map<String, Set<String>> written = new TreeMap<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
				String module = SOURCES.relativize(file).getName(0).toString();
				String source = read(file);
				for (Pattern write : WRITES) {
					Matcher matcher = write.matcher(source);
					while (matcher.find()) {
						for (String table : matcher.group(1).toLowerCase().split("\\s*,\\s*")) {
							if (WRITERS.containsKey(table)) {
								written.computeIfAbsent(table, t -> new TreeSet<>()).add(module);
							}
						}
					}
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return written;
	}

	private static Set<String> migratedTables() {
		Set<String> tables = new TreeSet<>();
		try (Stream<Path> files = Files.list(MIGRATIONS)) {
			files.forEach(file -> {
				Matcher matcher = Pattern.compile("(?i)create table (\\w+)").matcher(read(file));
				while (matcher.find()) {
					tables.add(matcher.group(1));
				}
			});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return tables;
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
