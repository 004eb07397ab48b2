package io.contactsync.demo;

import java.util.Map;
import java.util.Set;

import io.contactsync.jobs.RunParameters;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * dedup-sample's parameters, checked before it starts so that a typo is a usage message, not a failed run:
 * {@code contacts} 1 to 10,000,000, {@code duplicates} 0 to 90 (percent), {@code seed} 0 to 9,999,
 * {@code generator} channels or geco, or {@code febrl} (files).
 */
class DedupSampleParametersValidator implements JobParametersValidator {

	private static final Map<String, long[]> RANGES = Map.of("contacts", new long[] { 1, 10_000_000 }, "duplicates",
			new long[] { 0, 90 }, "seed", new long[] { 0, 9_999 });

	private static final Set<String> GENERATORS = Set.of("channels", "geco");

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		for (JobParameter<?> parameter : parameters) {
			String name = parameter.name();
			String value = String.valueOf(parameter.value());
			if (RunParameters.isSetByContactSync(name) || name.equals("febrl")) {
				continue;
			}
			if (name.equals("generator")) {
				if (!GENERATORS.contains(value)) {
					throw new InvalidJobParametersException("generator must be channels or geco, not '" + value + "'.");
				}
				continue;
			}
			long[] range = RANGES.get(name);
			if (range == null) {
				throw new InvalidJobParametersException("dedup-sample takes contacts, duplicates, seed and generator, or"
						+ " febrl; '" + name + "' is not a parameter of it.");
			}
			long number = number(name, value);
			if (number < range[0] || number > range[1]) {
				throw new InvalidJobParametersException(name + " must be from " + range[0] + " to " + range[1]
						+ ", not " + number + ".");
			}
		}
	}

	private static long number(String name, String value) throws InvalidJobParametersException {
		try {
			return Long.parseLong(value);
		}
		catch (NumberFormatException ex) {
			throw new InvalidJobParametersException(name + " must be a whole number, not '" + value + "'.");
		}
	}
}
