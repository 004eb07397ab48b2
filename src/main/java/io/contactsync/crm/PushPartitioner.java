package io.contactsync.crm;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cuts the contact table into ranges of ids that the push works on side by side: while one range reads,
 * maps and records a chunk, the others' batches are in flight, so the rate limit, not the chunk's round
 * trip, sets the pace. A store smaller than two chunks stays one range, so that a small push still sends
 * only full batches. Each range is a step execution of its own, which is what a resumed push restarts.
 */
class PushPartitioner implements Partitioner {

	static final String FIRST = "ids.first";

	static final String LAST = "ids.last";

	private final JdbcClient jdbc;

	private final int contactsPerPartition;

	PushPartitioner(JdbcClient jdbc, int contactsPerPartition) {
		this.jdbc = jdbc;
		this.contactsPerPartition = contactsPerPartition;
	}

	/** Contact ids from {@code first} to {@code last}, both included. */
	record Range(long first, long last) {

		static Range of(ExecutionContext context) {
			return new Range(context.getLong(FIRST), context.getLong(LAST));
		}
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Range all = jdbc.sql("select coalesce(min(id), 1), coalesce(max(id), 0) from contact")
			.query((rs, row) -> new Range(rs.getLong(1), rs.getLong(2)))
			.single();
		long span = all.last() - all.first() + 1;
		int count = (int) Math.max(1, Math.min(gridSize, span / contactsPerPartition));
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		long first = all.first();
		for (int i = 0; i < count; i++) {
			// The last range is open: contacts added while the push runs are pushed, as they were before ranges.
			long last = i == count - 1 ? Long.MAX_VALUE : first + span / count - 1;
			ExecutionContext context = new ExecutionContext();
			context.putLong(FIRST, first);
			context.putLong(LAST, last);
			partitions.put("partition" + i, context);
			first = last + 1;
		}
		return partitions;
	}
}
