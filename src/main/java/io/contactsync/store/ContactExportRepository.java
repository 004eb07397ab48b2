package io.contactsync.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.sql.DataSource;

import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every contact a search selects, in its order, one row at a time: a cursor fetched in slices inside a read-only
 * transaction (pgjdbc streams only outside auto-commit), so that memory stays flat however many rows there are.
 * <p>
 * The cursor is read on a thread of its own, a few slices ahead of the sink. pgjdbc asks for the next slice only
 * when the last is used up, so with one thread PostgreSQL waits while each slice is written out and the writer
 * waits while the next is fetched: an export took PostgreSQL's time plus the writer's. Handed over through a small
 * queue, the two overlap (bench/export.sh prints the export beside PostgreSQL's own COPY of the same select).
 */
@Repository
public class ContactExportRepository {

	/** Rows per round trip: enough to keep the cursor cheap, few enough to stay small in memory. */
	private static final int FETCH_SIZE = 2_000;

	/** Slices the reader may be ahead: memory stays at a few thousand rows. */
	private static final int SLICES_AHEAD = 4;

	/** After the last slice; a list of its own, since an empty slice would be {@code List.of()} too. */
	private static final List<ContactExportRow> END = Collections.unmodifiableList(new ArrayList<>(0));

	@FunctionalInterface
	public interface RowSink {

		void accept(ContactExportRow row) throws Exception;
	}

	private final NamedParameterJdbcTemplate jdbc;

	private final TransactionTemplate readOnly;

	private final PhoneNumbers phoneNumbers;

	private final SimpleAsyncTaskExecutor readers = new SimpleAsyncTaskExecutor("contact-export-");

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
		Handoff handoff = new Handoff();
		Future<?> reading = readers.submit(() -> read(search, handoff));
		long rows = 0;
		try {
			for (List<ContactExportRow> slice = handoff.take(); slice != END; slice = handoff.take()) {
				for (ContactExportRow row : slice) {
					sink.accept(row);
					rows++;
				}
			}
		}
		catch (RuntimeException ex) {
			handoff.abandon(reading);
			throw ex;
		}
		catch (Exception ex) {
			handoff.abandon(reading);
			throw new ExportAbortedException(ex);
		}
		awaitReader(reading);
		return rows;
	}

	private void read(ContactSearch search, Handoff handoff) {
		ContactSearchSql sql = new ContactSearchSql(search, phoneNumbers);
		List<ContactExportRow> slice = new ArrayList<>(FETCH_SIZE);
		try {
			readOnly.executeWithoutResult(status -> {
				jdbc.query("""
						select id, name, email, phone, phone_e164, channel, created_at, last_activity_at, lead_status,
						       lead_temperature, lead_score, tags
						from live_contact where %s order by %s""".formatted(sql.where(),
						search.sort().orderBy(search.ascending())), sql.parameters(), rs -> {
							slice.add(row(rs));
							if (slice.size() == FETCH_SIZE) {
								handoff.put(List.copyOf(slice));
								slice.clear();
							}
						});
				if (!slice.isEmpty()) {
					handoff.put(List.copyOf(slice));
				}
			});
			handoff.put(END);
		}
		catch (RuntimeException | Error ex) {
			handoff.fail(ex);
		}
	}

	/** The select's columns by number, in its order. */
	private static ContactExportRow row(ResultSet rs) throws SQLException {
		Array tags = rs.getArray(12);
		int value = rs.getInt(11);
		Integer score = rs.wasNull() ? null : value;
		return new ContactExportRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
				rs.getString(6), instant(rs.getObject(7, OffsetDateTime.class)),
				instant(rs.getObject(8, OffsetDateTime.class)), rs.getString(9), rs.getString(10),
				score, tags == null ? List.of() : List.of((String[]) tags.getArray()));
	}

	private static Instant instant(OffsetDateTime time) {
		return time == null ? null : time.toInstant();
	}

	private static void awaitReader(Future<?> reading) {
		try {
			reading.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new ExportAbortedException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Slices from the reader to the sink. A failed read reaches the sink's thread as the reader's exception; a sink
	 * that stops (the client went away) makes the reader's next hand-over throw, which rolls its transaction back.
	 */
	private static final class Handoff {

		private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(SLICES_AHEAD);

		private volatile boolean abandoned;

		void put(List<ContactExportRow> slice) {
			try {
				queue.put(slice);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ExportAbortedException(ex);
			}
			if (abandoned) {
				throw new ExportAbortedException(new IllegalStateException("the export's writer stopped"));
			}
		}

		/** Blocks like a slice would: the sink takes it after the slices before it, or has abandoned the queue. */
		void fail(Throwable failure) {
			try {
				queue.put(failure);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@SuppressWarnings("unchecked")
		List<ContactExportRow> take() throws InterruptedException {
			Object next = queue.take();
			if (next instanceof RuntimeException failure) {
				throw failure;
			}
			if (next instanceof Error failure) {
				throw failure;
			}
			return (List<ContactExportRow>) next;
		}

		/** Stops the reader and waits for it, so that its connection is back in the pool when the export returns. */
		void abandon(Future<?> reading) {
			abandoned = true;
			while (!reading.isDone()) {
				queue.clear();
				try {
					reading.get(100, TimeUnit.MILLISECONDS);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					// still reading, or it ended: the sink's failure is the one to report
				}
			}
		}
	}

	/** The sink failed, typically because the client went away mid-download. */
	public static class ExportAbortedException extends RuntimeException {

		ExportAbortedException(Exception cause) {
			super(cause.getMessage(), cause);
		}
	}
}
