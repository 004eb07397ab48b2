package io.contactsync.store;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every contact a search selects, in its order, one row at a time: a cursor fetched in slices inside a read-only
 * transaction (pgjdbc streams only outside auto-commit), so that memory stays flat however many rows there are.
 */
@Repository
public class ContactExportRepository {

	/** Rows per round trip: enough to keep the cursor cheap, few enough to stay small in memory. */
	private static final int FETCH_SIZE = 2_000;

	@FunctionalInterface
	public interface RowSink {

		void accept(ContactExportRow row) throws Exception;
	}

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final PhoneNumbers phoneNumbers;

	public ContactExportRepository(DataSource dataSource, PlatformTransactionManager transactions,
			PhoneNumbers phoneNumbers) {
		JdbcTemplate cursor = new JdbcTemplate(dataSource);
		cursor.setFetchSize(FETCH_SIZE);
		this.jdbc = new NamedParameterJdbcTemplate(cursor);
		this.readOnly = new TransactionTemplate(transactions);
		this.readOnly.setReadOnly(true);
		this.phoneNumbers = phoneNumbers;
	}

	/** Hands each selected contact to the sink, in the search's order; returns how many. Page and size are ignored. */
	public long forEach(ContactSearch search, RowSink sink) {
		ContactSearchSql sql = new ContactSearchSql(search, phoneNumbers);
		long[] rows = { 0 };
		readOnly.executeWithoutResult(status -> jdbc.query("""
				select id, name, email, phone, phone_e164, channel, created_at, last_activity_at, lead_status,
				       lead_temperature, lead_score, tags
				from live_contact where %s order by %s""".formatted(sql.where(), search.sort().orderBy(search.ascending())),
				sql.parameters(), rs -> {
					try {
						sink.accept(new ContactExportRow(rs.getLong("id"), rs.getString("name"), rs.getString("email"),
								rs.getString("phone"), rs.getString("phone_e164"), rs.getString("channel"),
								Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "last_activity_at"),
								rs.getString("lead_status"), rs.getString("lead_temperature"), Jdbc.integer(rs, "lead_score"),
								Jdbc.strings(rs, "tags")));
					}
					catch (RuntimeException ex) {
						throw ex;
					}
					catch (Exception ex) {
						throw new ExportAbortedException(ex);
					}
					rows[0]++;
				}));
		return rows[0];
	}

	/** The sink failed, typically because the client went away mid-download. */
	public static class ExportAbortedException extends RuntimeException {

		ExportAbortedException(Exception cause) {
			super(cause.getMessage(), cause);
		}
	}
}
