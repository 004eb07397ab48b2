package io.contactsync.dedup;

import io.contactsync.jobs.RunParameters;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/** A job that takes no parameters says so, rather than ignoring a misspelt one. */
record NoParametersValidator(String jobName) implements JobParametersValidator {

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		for (JobParameter<?> parameter : parameters) {
			if (!RunParameters.isSetByContactSync(parameter.name())) {
				throw new InvalidJobParametersException(jobName + " takes no parameters; its rules are in"
						+ " jobs/dedup.yml. Leave out '" + parameter.name() + "'.");
			}
		}
	}
}
