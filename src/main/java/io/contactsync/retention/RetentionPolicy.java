package io.contactsync.retention;

import java.util.List;

/**
 * What {@code jobs/retention.yml} says: when a quiet contact is archived or deleted, which contacts are kept
 * anyway, how long an erasure request waits, and how long imported capture payloads stay.
 *
 * @param archiveAfterMonths       months without activity before a contact is archived
 * @param deleteAfterMonths        months without activity before it is deleted; null: never
 * @param keepStatuses             lead statuses whose contacts are never archived or deleted
 * @param keepTags                 tags whose contacts are never archived or deleted
 * @param erasureGraceDays         days an erasure request can be cancelled; 0: purged at the next run
 * @param inboxKeepProcessedDays   days a processed capture payload is kept
 */
public record RetentionPolicy(int archiveAfterMonths, Integer deleteAfterMonths, List<String> keepStatuses,
		List<String> keepTags, int erasureGraceDays, int inboxKeepProcessedDays) {

	public RetentionPolicy {
		keepStatuses = List.copyOf(keepStatuses);
		keepTags = List.copyOf(keepTags);
	}

	/** What {@code run validate} says the policy sets. */
	public String summary() {
		String deletion = deleteAfterMonths == null ? "never delete" : "delete after " + deleteAfterMonths;
		return String.format("archive after %d months without activity, %s; keep statuses %s and tags %s; erasure "
				+ "grace %d days; imported captures kept %d days", archiveAfterMonths, deletion, keepStatuses,
				keepTags, erasureGraceDays, inboxKeepProcessedDays);
	}
}
