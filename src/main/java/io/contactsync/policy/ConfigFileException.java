package io.contactsync.policy;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Files people edit (mappings/, jobs/) that cannot be used. It carries every problem found, not the first, so
 * that one start-up shows the data team everything to fix; the message has one {@code file:line: message} line
 * per problem.
 */
public class ConfigFileException extends RuntimeException {

	private final List<FileProblem> problems;

	/** @param files what the files are, as the message's first words: "Mapping files", "Job files" */
	public ConfigFileException(String files, List<FileProblem> problems) {
		super(describe(files, problems));
		this.problems = List.copyOf(problems);
	}

	public List<FileProblem> problems() {
		return problems;
	}

	private static String describe(String files, List<FileProblem> problems) {
		String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
		return files + " have " + count + "; fix them and start again:"
				+ problems.stream().map(problem -> "\n  " + problem).collect(Collectors.joining());
	}
}
