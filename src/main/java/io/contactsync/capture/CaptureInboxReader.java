package io.contactsync.capture;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

import java.util.Map;

/**
 * The pending entries of capture_inbox in the order they arrived. They stay pending until the run that
 * read them has merged them, so pages stay stable while the step reads and a resumed run finds them.
 */
class CaptureInboxReader implements ItemStreamReader<CaptureRecord> {

	private static final int PAGE_SIZE = 500;

	private final JdbcPagingItemReader<CaptureRecord> pages;

	CaptureInboxReader(DataSource dataSource) throws Exception {
		this.pages = new JdbcPagingItemReaderBuilder<CaptureRecord>().name("captureInboxReader")
			.dataSource(dataSource)
			.selectClause("select id, channel, payload::text as payload")
			.fromClause("from capture_inbox")
			.whereClause("where status = 'pending'")
			.sortKeys(Map.of("id", Order.ASCENDING))
			.pageSize(PAGE_SIZE)
			.rowMapper((rs, row) -> new CaptureRecord(CaptureRecord.Format.INBOX, "capture_inbox", 0, rs.getLong("id"),
					rs.getString("channel"), rs.getString("payload"), null))
			.build();
		this.pages.afterPropertiesSet();
	}

	@Override
	public CaptureRecord read() throws Exception {
		return pages.read();
	}

	@Override
	public void open(ExecutionContext context) {
		pages.open(context);
	}

	@Override
	public void update(ExecutionContext context) {
		pages.update(context);
	}

	@Override
	public void close() {
		pages.close();
	}
}
