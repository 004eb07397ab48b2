package io.contactsync.crm;

import java.util.List;

import io.contactsync.policy.ConfigFileException;
import io.contactsync.policy.FileProblem;

/** Mapping files that cannot be used, with every problem of every file. */
public class MappingException extends ConfigFileException {

	public MappingException(List<FileProblem> problems) {
		super("Mapping files", problems);
	}
}
