package io.contactsync.demo;

import java.util.Map;

import io.contactsync.jobs.RunParameters;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/** {@code contacts} from 1 to 10,000,000 and {@code seed} from 0 to 9,999; nothing else. */
class GenerateParametersValidator implements JobParametersValidator {

	private static final Map<String, long[]> RANGES = Map.of("contacts", new long[] { 1, 10_000_000 }, "seed",
			new long[] { 0, 9_999 });

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		for (JobParameter<?> parameter : parameters) {
			if (RunParameters.isSetByContactSync(parameter.name())) {
				continue;
			}
			long[] range = RANGES.get(parameter.name());
			if (range == null) {
				throw new InvalidJobParametersException("generate takes contacts=N and seed=S; '" + parameter.name()
						+ "' is not a parameter of it.");
			}
			long value = parse(parameter);
			if (value < range[0] || value > range[1]) {
				throw new InvalidJobParametersException(parameter.name() + " must be from " + range[0] + " to "
						+ range[1] + ", not " + value + ".");
			}
		}
	}

	private static long parse(JobParameter<?> parameter) throws InvalidJobParametersException {
		try {
			return Long.parseLong(String.valueOf(parameter.value()));
		}
		catch (NumberFormatException ex) {
			throw new InvalidJobParametersException(parameter.name() + " must be a whole number, not '"
					+ parameter.value() + "'.");
		}
	}
}
