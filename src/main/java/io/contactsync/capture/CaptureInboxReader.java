package io.contactsync.capture;

import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

/**
 * Reads the pending entries of capture_inbox in the order they arrived. They stay pending until the run
 * that read them has merged them, so pages stay stable while the step reads and a resumed run finds them.
 */
final class CaptureInboxReader {

	private static final int PAGE_SIZE = 500;

	private CaptureInboxReader() {
	}

	static JdbcPagingItemReader<CaptureRecord> create(DataSource dataSource) throws Exception {
		JdbcPagingItemReader<CaptureRecord> pages = new JdbcPagingItemReaderBuilder<CaptureRecord>()
			.name("captureInboxReader")
			.dataSource(dataSource)
			.selectClause("select id, channel, payload::text as payload")
			.fromClause("from capture_inbox")
			.whereClause("where status = 'pending'")
			.sortKeys(Map.of("id", Order.ASCENDING))
			.pageSize(PAGE_SIZE)
			.rowMapper((rs, row) -> new CaptureRecord(CaptureRecord.Format.INBOX, "capture_inbox", 0, null, rs.getLong("id"),
					rs.getString("channel"), rs.getString("payload"), null, null))
			.build();
		pages.afterPropertiesSet();
		return pages;
	}
}
