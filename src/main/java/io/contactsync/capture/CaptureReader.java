package io.contactsync.capture;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/** Where a run's records come from: its input files, or the HTTP inbox when it has no input. */
class CaptureReader implements ItemStreamReader<CaptureRecord> {

	private final ItemStreamReader<CaptureRecord> source;

	CaptureReader(ItemStreamReader<CaptureRecord> source) {
		this.source = source;
	}

	@Override
	public CaptureRecord read() throws Exception {
		return source.read();
	}

	@Override
	public void open(ExecutionContext context) {
		source.open(context);
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
