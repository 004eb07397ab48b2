package io.contactsync.retention;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;

import io.contactsync.store.AuditLog;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The step {@code reviewInactive}: contacts quiet for longer than the policy allows are deleted or archived,
 * set-based, in one transaction; those in a kept lead status or with a kept tag stay as they are. An archived
 * contact that has been active again since is archived no more (lead-scoring then gives it its status).
 */
class InactiveContacts implements Tasklet {

	/** A quiet contact the policy does not keep; {@code :before} is the cut-off of quiet. */
	private static final String QUIET = """
			merged_into is null and coalesce(last_activity_at, created_at) < :before
			and lead_status <> all (cast(:keepStatuses as text[])) and not tags && cast(:keepTags as text[])""";

	private final JdbcClient jdbc;

	private final ContactPurge purge;

	private final AuditLog audit;

	private final RetentionPolicy policy;

	private final Instant asOf;

	private final ZoneId zone;

	InactiveContacts(JdbcClient jdbc, ContactPurge purge, AuditLog audit, RetentionPolicy policy, Instant asOf,
			ZoneId zone) {
		this.jdbc = jdbc;
		this.purge = purge;
		this.audit = audit;
		this.policy = policy;
		this.asOf = asOf;
		this.zone = zone;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		int deleted = 0;
		if (policy.deleteAfterMonths() != null) {
			deleted = purge.purge("select id from contact where erasure_requested_at is null and " + QUIET,
					parameters(policy.deleteAfterMonths()), ContactPurge.Purpose.RETENTION,
					"no activity for more than " + policy.deleteAfterMonths() + " months");
		}
		Map<String, Object> archive = parameters(policy.archiveAfterMonths());
		archive.put("reason", "no activity for more than " + policy.archiveAfterMonths() + " months");
		int archived = audit.recordWith("""
				update contact set archived_at = :asOf, lead_status = 'archived', updated_at = now()
				where archived_at is null and\s""" + QUIET + """
				returning id""", """
				select 'retention', 'contact.archived', 'contact', id, jsonb_build_object('reason', :reason)
				from changed""", archive);
		int revived = jdbc.sql("""
				update contact set archived_at = null, updated_at = now()
				where archived_at is not null and last_activity_at > archived_at and merged_into is null""")
			.update();
		contribution.incrementWriteCount(deleted + archived + revived);
		contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(deleted + " deleted, " + archived
				+ " archived, " + revived + " active again and no longer archived"));
		return RepeatStatus.FINISHED;
	}

	private Map<String, Object> parameters(int months) {
		Map<String, Object> parameters = new LinkedHashMap<>();
		parameters.put("before", asOf.atZone(zone).minusMonths(months).toOffsetDateTime());
		parameters.put("asOf", asOf.atOffset(ZoneOffset.UTC));
		parameters.put("keepStatuses", policy.keepStatuses().toArray(String[]::new));
		parameters.put("keepTags", policy.keepTags().toArray(String[]::new));
		return parameters;
	}
}
