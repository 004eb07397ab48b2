package io.contactsync.dedup;

import java.util.List;
import java.util.stream.Collectors;

/** Match rules that cannot be used, with every problem found, one {@code file:line: message} line each. */
public class DedupRulesException extends RuntimeException {

	private final transient List<RulesProblem> problems;

	DedupRulesException(List<RulesProblem> problems) {
		super(describe(problems));
		this.problems = List.copyOf(problems);
	}

	List<RulesProblem> problems() {
		return problems;
	}

	private static String describe(List<RulesProblem> problems) {
		String count = problems.size() == 1 ? "1 problem" : problems.size() + " problems";
		return "The dedup rules have " + count + "; fix them and start again:"
				+ problems.stream().map(problem -> "\n  " + problem).collect(Collectors.joining());
	}
}
