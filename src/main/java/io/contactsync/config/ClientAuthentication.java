package io.contactsync.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The embedded PostgreSQL's pg_hba.conf: every connection, over its Unix socket or the loopback interface, logs in
 * with the password (SCRAM). Nothing is trusted, so a local user who is not the data directory's owner cannot read
 * the contacts, nor run commands as that owner with {@code COPY ... TO PROGRAM}.
 */
final class ClientAuthentication {

	static final String FILE_NAME = "pg_hba.conf";

	/** No replication lines: nothing replicates from this server, so such connections are refused. */
	static final String RULES = """
			# Written by Contact Sync: every connection needs the password in contact-sync.password beside this
			# file. Contact Sync writes this file again when it finds it changed.
			# TYPE  DATABASE  USER  ADDRESS       METHOD
			local   all       all                 scram-sha-256
			host    all       all   127.0.0.1/32  scram-sha-256
			host    all       all   ::1/128       scram-sha-256
			""";

	private ClientAuthentication() {
	}

	/** Whether the file holds exactly the rules above. */
	static boolean isWritten(Path dataDirectory) throws IOException {
		Path file = dataDirectory.resolve(FILE_NAME);
		return Files.exists(file) && Files.readString(file).equals(RULES);
	}

	/**
	 * Whether some rule lets a connection in without a password, as initdb's {@code -A trust} wrote them for earlier
	 * versions. Any word {@code trust} outside a comment counts: a database or user of that name is unlikely, and
	 * taking one for a rule only makes the start replace the file, which it would do anyway.
	 */
	static boolean trustsSomeone(Path dataDirectory) throws IOException {
		Path file = dataDirectory.resolve(FILE_NAME);
		return Files.exists(file) && Files.readAllLines(file).stream()
			.map(line -> line.replaceFirst("#.*", "").trim())
			.filter(rule -> !rule.isEmpty())
			.anyMatch(rule -> Arrays.asList(rule.split("\\s+")).contains("trust"));
	}

	static void write(Path dataDirectory) throws IOException {
		OwnerOnlyFiles.writeAtomically(dataDirectory.resolve(FILE_NAME), RULES);
	}
}
