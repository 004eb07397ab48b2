package io.contactsync.jobs;

import java.util.List;

import io.contactsync.policy.ConfigFileException;
import io.contactsync.policy.FileProblem;

/** Files under jobs/ that cannot be used, with every problem of every file. */
public class JobFileException extends ConfigFileException {

	public JobFileException(List<FileProblem> problems) {
		super("Job files", problems);
	}
}
