package io.contactsync.dedup;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import io.contactsync.policy.CheckedFiles;
import io.contactsync.policy.FileProblem;
import org.springframework.stereotype.Component;

/**
 * The match rules of {@code contactsync.dedup.rules-file} (default {@code jobs/dedup.yml}), read and checked at
 * start-up: a bad file stops the start naming its lines, rather than the nightly dedup failing on it. A missing
 * file is no error until the dedup job is run.
 */
@Component
public class DedupRulesFile implements CheckedFiles {

	private final Path file;

	private final DedupRules rules;

	public DedupRulesFile(DedupProperties properties) {
		this.file = properties.rulesFile();
		this.rules = Files.isRegularFile(file) ? read(file) : null;
	}

	/** The rules, or empty when the file does not exist. */
	Optional<DedupRules> rules() {
		return Optional.ofNullable(rules);
	}

	/** The rules, or an error that says where they were looked for. */
	DedupRules require() {
		return rules().orElseThrow(() -> new IllegalStateException("No dedup rules at " + file
				+ "; create it (see jobs/dedup.yml in the project) or set contactsync.dedup.rules-file"));
	}

	/** What {@code run validate} prints about the rules. */
	@Override
	public List<String> describe() {
		if (rules == null) {
			return List.of(file + ": absent — the dedup job will not run until it exists.");
		}
		return List.of(String.format("%s: valid — %d comparisons, %d blocking keys, autoMerge %s, review %s", file,
				rules.comparisons().size(), rules.blocking().size(), rules.autoMerge(), rules.review()));
	}

	/** Checks rules that are not (yet) the file, e.g. in tests and tooling. */
	static DedupRules validate(String name, String yaml) {
		return new DedupRulesReader().read(name, new StringReader(yaml));
	}

	private static DedupRules read(Path file) {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return new DedupRulesReader().read(file.toString(), reader);
		}
		catch (IOException ex) {
			throw new DedupRulesException(List.of(new FileProblem(file.toString(), 1,
					"cannot be read (" + ex.getClass().getSimpleName() + "); check that it is a readable UTF-8 file")));
		}
	}
}
