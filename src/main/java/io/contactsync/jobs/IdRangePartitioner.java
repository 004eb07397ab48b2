package io.contactsync.jobs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Cuts a table's ids into ranges that a partitioned step works on side by side, each range a step execution
 * of its own, which is what a resumed run restarts. A table smaller than two ranges of
 * {@code rowsPerPartition} stays one range, so that small runs pay nothing for threads. The last range is
 * open: rows added while the step runs are still in it. Each range expects about as many rows as it has ids
 * ({@link StepProgress#TOTAL}): an estimate, as ids deleted or merged away leave gaps, but one that costs no count.
 */
public class IdRangePartitioner implements Partitioner {

	public static final String FIRST = "ids.first";

	public static final String LAST = "ids.last";

	private final Supplier<Range> bounds;

	private final int rowsPerPartition;

	/**
	 * @param bounds           the lowest and highest id to cut
	 * @param rowsPerPartition the fewest ids a range is given
	 */
	public IdRangePartitioner(Supplier<Range> bounds, int rowsPerPartition) {
		this.bounds = bounds;
		this.rowsPerPartition = rowsPerPartition;
	}

	/** The bounds a query finds: its two columns are the lowest and the highest id, both null without rows. */
	public static Supplier<Range> bounds(JdbcClient.StatementSpec minAndMax) {
		return () -> minAndMax.query((rs, row) -> rs.getObject(1) == null ? new Range(1, 0)
				: new Range(rs.getLong(1), rs.getLong(2))).single();
	}

	/** Ids from {@code first} to {@code last}, both included. */
	public record Range(long first, long last) {

		/** The range of a partition's step execution. */
		public static Range of(ExecutionContext context) {
			return new Range(context.getLong(FIRST), context.getLong(LAST));
		}
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Range all = bounds.get();
		long span = all.last() - all.first() + 1;
		int count = (int) Math.max(1, Math.min(gridSize, span / rowsPerPartition));
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		long first = all.first();
		for (int i = 0; i < count; i++) {
			long last = i == count - 1 ? Long.MAX_VALUE : first + span / count - 1;
			ExecutionContext context = new ExecutionContext();
			context.putLong(FIRST, first);
			context.putLong(LAST, last);
			StepProgress.expect(context, Math.min(last, all.last()) - first + 1, true);
			partitions.put("partition" + i, context);
			first = last + 1;
		}
		return partitions;
	}
}
