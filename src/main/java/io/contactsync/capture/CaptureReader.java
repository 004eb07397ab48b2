package io.contactsync.capture;

import java.util.OptionalLong;
import java.util.function.Supplier;

import io.contactsync.jobs.StepProgress;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Where a run's records come from: its input files, or the HTTP inbox when it has no input. As it opens it says how
 * many records it expects, for the run's progress: the inbox counts its pending entries, files are estimated.
 */
class CaptureReader implements ItemStreamReader<CaptureRecord> {

	private final ItemStreamReader<CaptureRecord> source;

	private final Supplier<OptionalLong> total;

	private final boolean estimated;

	CaptureReader(ItemStreamReader<CaptureRecord> source, Supplier<OptionalLong> total, boolean estimated) {
		this.source = source;
		this.total = total;
		this.estimated = estimated;
	}

	@Override
	public CaptureRecord read() throws Exception {
		return source.read();
	}

	@Override
	public void open(ExecutionContext context) {
		source.open(context);
		total.get().ifPresent(records -> StepProgress.expect(context, records, estimated));
	}

	@Override
	public void update(ExecutionContext context) {
		source.update(context);
	}

	@Override
	public void close() {
		source.close();
	}
}
