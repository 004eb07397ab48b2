package io.contactsync.policy;

import java.util.List;

/**
 * What checking files against the live systems they describe found: a line per file saying what was checked (or
 * why it was skipped), and the problems, each with its file and line.
 */
public record OnlineCheck(List<String> checked, List<FileProblem> problems) {

	public static final OnlineCheck NOTHING = new OnlineCheck(List.of(), List.of());

	public OnlineCheck {
		checked = List.copyOf(checked);
		problems = List.copyOf(problems);
	}
}
