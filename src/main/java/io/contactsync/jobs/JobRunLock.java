package io.contactsync.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.stereotype.Component;

/**
 * One run of a job at a time across every process on the database: a PostgreSQL advisory lock per job
 * name, held on its own connection for as long as the run lasts. A process that dies loses its
 * connection and with it the lock, which is how a run left STARTED by a dead JVM is told from a live one.
 */
@Component
public class JobRunLock {

	/** The first key of every lock taken here, so that they never collide with other advisory locks. */
	private static final int LOCK_SPACE = 0x43533031; // "CS01"

	private final DataSource dataSource;

	public JobRunLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/** The lock of the job, or empty when another run of it holds the lock now. */
	public Optional<Held> tryAcquire(String jobName) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			if (call(connection, "select pg_try_advisory_lock(?, hashtext(?))", jobName)) {
				return Optional.of(new Held(connection, jobName));
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new IllegalStateException("Could not take the run lock of job " + jobName, ex);
		}
	}

	/** Whether a run of the job, in any process, holds its lock now. */
	public boolean isHeld(String jobName) {
		try (Connection connection = dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("""
						select exists (select 1 from pg_locks where locktype = 'advisory' and granted
						               and classid = ? and objid = hashtext(?)::oid)""")) {
			statement.setInt(1, LOCK_SPACE);
			statement.setString(2, jobName);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Could not read the run lock of job " + jobName, ex);
		}
	}

	private static boolean call(Connection connection, String sql, String jobName) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setInt(1, LOCK_SPACE);
			statement.setString(2, jobName);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getBoolean(1);
			}
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ignored) {
				// the connection is gone, and the lock with it
			}
		}
	}

	/** A held lock; closing it unlocks before the connection goes back to the pool. */
	public static final class Held implements AutoCloseable {

		private final Connection connection;

		private final String jobName;

		private Held(Connection connection, String jobName) {
			this.connection = connection;
			this.jobName = jobName;
		}

		@Override
		public void close() {
			try {
				call(connection, "select pg_advisory_unlock(?, hashtext(?))", jobName);
				connection.close();
			}
			catch (SQLException ex) {
				// A pooled connection that may still hold the lock must not be reused.
				try {
					connection.abort(Runnable::run);
				}
				catch (SQLException ignored) {
					// nothing more to do: the server drops the lock with the session
				}
			}
		}
	}
}
