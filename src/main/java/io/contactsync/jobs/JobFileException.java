package io.contactsync.jobs;

import java.util.List;

import io.contactsync.config.ConfigFileException;
import io.contactsync.config.FileProblem;

/** Files under jobs/ that cannot be used, with every problem of every file. */
public class JobFileException extends ConfigFileException {

	public JobFileException(List<FileProblem> problems) {
		super("Job files", problems);
	}
}
