package io.contactsync.dedup;

import java.util.List;

import io.contactsync.policy.ConfigFileException;
import io.contactsync.policy.FileProblem;

/** Match rules that cannot be used, with every problem found, one {@code file:line: message} line each. */
public class DedupRulesException extends ConfigFileException {

	DedupRulesException(List<FileProblem> problems) {
		super("The dedup rules", problems);
	}
}
