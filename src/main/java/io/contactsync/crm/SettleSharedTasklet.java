package io.contactsync.crm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.dedup.ReviewRequests;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * After the push: two contacts of one key pushed at once by two ranges of the push both reached the CRM's one record
 * (an upsert by email matches it), before either range could see the other's link. The contact with the lower id keeps
 * the record; the other's link becomes {@code shared}, as SharedRecords would have made it, so that deleting it never
 * deletes the record the first one holds, and the pair goes to the duplicates review. The holder is pushed again next
 * run, since the other's values may have landed last. Set-based; nothing to do in a dry run.
 */
class SettleSharedTasklet implements Tasklet {

	private final List<CrmMapping> mappings;

	private final JdbcClient jdbc;

	private final ReviewRequests review;

	private final boolean dryRun;

	SettleSharedTasklet(List<CrmMapping> mappings, JdbcClient jdbc, ReviewRequests review, boolean dryRun) {
		this.mappings = mappings;
		this.jdbc = jdbc;
		this.review = review;
		this.dryRun = dryRun;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunk) {
		if (dryRun) {
			return RepeatStatus.FINISHED;
		}
		for (CrmMapping mapping : mappings) {
			Map<Long, Long> holders = new LinkedHashMap<>();
			jdbc.sql("""
					with doubled as (
					    select crm_id from crm_link where target = :target and status = 'synced' and crm_id is not null
					    group by crm_id having count(*) > 1),
					held as (
					    select l.contact_id, min(l.contact_id) over (partition by l.crm_id) as holder
					    from crm_link l join doubled d on d.crm_id = l.crm_id join live_contact c on c.id = l.contact_id
					    where l.target = :target and l.status = 'synced')
					update crm_link l
					set status = 'shared', crm_id = null, match_key = null, pushed_fields = null,
					    last_error = 'SHARED_CRM_RECORD: shares the CRM record of contact ' || held.holder
					                 || ' (same ' || :key || '); merge the two or give one another ' || :key
					from held
					where l.contact_id = held.contact_id and l.target = :target and held.contact_id <> held.holder
					returning l.contact_id, held.holder""")
				.param("target", mapping.name())
				.param("key", mapping.matchKey())
				.query((rs, row) -> holders.put(rs.getLong(1), rs.getLong(2)))
				.list();
			review.sharesCrmRecords(mapping.name(), holders);
			if (!holders.isEmpty()) {
				jdbc.sql("update crm_link set payload_hash = null where target = :target and contact_id in (:holders)")
					.param("target", mapping.name())
					.param("holders", List.copyOf(holders.values()))
					.update();
			}
			contribution.incrementWriteCount(holders.size());
		}
		return RepeatStatus.FINISHED;
	}
}
