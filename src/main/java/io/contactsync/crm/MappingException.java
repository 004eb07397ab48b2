package io.contactsync.crm;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Mapping files that cannot be used. It carries every problem found, not the first, so that one start-up
 * shows the data team everything to fix; the message has one {@code file:line: message} line per problem.
 */
public class MappingException extends RuntimeException {

	private final List<MappingProblem> problems;

	public MappingException(List<MappingProblem> problems) {
		super(describe(problems));
		this.problems = List.copyOf(problems);
	}

	public List<MappingProblem> problems() {
		return problems;
	}

	private static String describe(List<MappingProblem> problems) {
		String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
		return "Mapping files have " + count + "; fix them and start again:"
				+ problems.stream().map(problem -> "\n  " + problem).collect(Collectors.joining());
	}
}
