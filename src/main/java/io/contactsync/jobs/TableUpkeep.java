package io.contactsync.jobs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The last step of a job that writes or rewrites many rows: {@code VACUUM (ANALYZE)} of the tables it touched.
 * PostgreSQL marks a fresh row's transaction committed on its page (hint bits) when the row is first read or
 * vacuumed, so without this the first export or dashboard page after a big import, merge or scoring run pays for
 * rewriting every page it reads — measured four times slower than the reads after it — and plans on statistics
 * that still count the table as it was before the job.
 *
 * <p>A table is vacuumed when the job wrote at least {@code contactsync.upkeep.vacuum-share} of its rows (by the
 * write count of the job's step that writes them, against PostgreSQL's estimate of the table's rows); a run that
 * touched a few rows leaves the table to autovacuum. VACUUM cannot run inside a transaction, so the step has none.
 *
 * <p>A job that looks rows up in a table it is filling meanwhile asks for {@link #analyseIfOutgrown} as it goes.
 */
public class TableUpkeep {

	/** Every job's upkeep step has this name, so that the run page and the benchmarks find it alike. */
	public static final String STEP = "upkeep";

	private final JdbcClient jdbc;

	private final TableUpkeepProperties properties;

	/** Its own transaction, so that an analysis sees what the other threads committed and ends at once. */
	private final TransactionTemplate separately;

	/** The tables being analysed now: a second thread that finds one of them busy goes on without waiting. */
	private final Set<String> analysing = ConcurrentHashMap.newKeySet();

	public TableUpkeep(JdbcClient jdbc, TableUpkeepProperties properties, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.properties = properties;
		this.separately = new TransactionTemplate(transactions);
		this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * {@code ANALYZE} of a table that has changed by more rows than its statistics counted when they were taken (and
	 * by 1,000 at least): while a job fills a table it also looks rows up in, autovacuum (a minute apart at best) comes
	 * too late, and on a table without statistics PostgreSQL plans a scan of all of it for a handful of keys. The
	 * check is one read of PostgreSQL's counters; the analyses come at doubling sizes, so a few a run.
	 */
	public void analyseIfOutgrown(String table) {
		if (!analysing.add(table)) {
			return;
		}
		try {
			separately.executeWithoutResult(transaction -> {
				boolean outgrown = jdbc.sql("""
						select s.n_mod_since_analyze > greatest(c.reltuples, 0) + 1000
						from pg_stat_user_tables s join pg_class c on c.oid = s.relid
						where s.relid = to_regclass(:table)""")
					.param("table", table)
					.query(Boolean.class)
					.optional()
					.orElse(false);
				if (outgrown) {
					jdbc.sql("analyze " + quoted(table)).update();
				}
			});
		}
		finally {
			analysing.remove(table);
		}
	}

	/**
	 * The upkeep step of a job, for the tables its step {@code writingStep} writes.
	 * @param writingStep the step whose write count measures the job's writes (a partitioned step's manager)
	 * @param tables      the tables' names, as the owning module's migrations create them
	 */
	public Step step(JobRepository jobRepository, String writingStep, List<String> tables) {
		return new StepBuilder(STEP, jobRepository).tasklet((contribution, chunk) -> {
			StepExecution step = contribution.getStepExecution();
			StepExecution writing = jobRepository.getLastStepExecution(step.getJobExecution().getJobInstance(),
					writingStep);
			// A restart that resumed after the writing step finished still counts what that step wrote.
			long written = writing == null ? 0 : writing.getWriteCount();
			List<String> vacuumed = new ArrayList<>();
			for (String table : tables) {
				if (due(table, written)) {
					jdbc.sql("vacuum (analyze) " + quoted(table)).update();
					vacuumed.add(table);
				}
			}
			contribution.setExitStatus(ExitStatus.COMPLETED.addExitDescription(said(vacuumed, written)));
			return RepeatStatus.FINISHED;
		}, new ResourcelessTransactionManager()).build();
	}

	private boolean due(String table, long written) {
		// reltuples is -1 for a table never vacuumed or analysed: nothing is known, so its first big write counts.
		double rows = jdbc.sql("select reltuples from pg_class where oid = to_regclass(:table)")
			.param("table", table)
			.query(Double.class)
			.optional()
			.orElse(-1.0);
		return written > 0 && (rows <= 0 || written >= properties.vacuumShare() * rows);
	}

	/** The names come from the jobs' own code, never from a request; quoting still keeps them names. */
	private static String quoted(String table) {
		if (!table.matches("[a-z_][a-z0-9_]*")) {
			throw new IllegalArgumentException("Not a table name: " + table);
		}
		return "\"" + table + "\"";
	}

	private String said(List<String> vacuumed, long written) {
		if (written == 0) {
			return "nothing written, nothing to vacuum";
		}
		return vacuumed.isEmpty()
				? "%d rows written: less than %.0f %% of any table, left to autovacuum".formatted(written,
						properties.vacuumShare() * 100)
				: "vacuumed and analysed " + String.join(", ", vacuumed) + " after " + written + " rows written";
	}
}
