package io.contactsync.jobs;

import java.util.Set;

import io.contactsync.store.PersonalDataEraser;
import io.contactsync.store.PurgedContacts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The job history's part of an erasure: a run's parameters may name a person (an export's search). The value is
 * overwritten rather than the row deleted, so that Spring Batch still finds the run's instance whole.
 */
@Component
class JobParametersEraser implements PersonalDataEraser {

	private final JdbcClient jdbc;

	JobParametersEraser(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public Set<String> tables() {
		return Set.of("batch_job_execution_params");
	}

	@Override
	public void erase(PurgedContacts purged) {
		if (purged.erasure()) {
			jdbc.sql("""
					update batch_job_execution_params set parameter_value = '(erased)'
					where parameter_value ilike any (select '%' || v || '%' from purge_value)""").update();
		}
	}
}
