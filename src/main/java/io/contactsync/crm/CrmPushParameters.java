package io.contactsync.crm;

import java.util.List;

import io.contactsync.jobs.RunParameters;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * crm-push's parameters, refused before the run starts with the fix: {@code target} (a mapping's name),
 * {@code dryRun} (true or false), {@code failedOnly} (true or false) and {@code only=deletions}.
 */
class CrmPushParameters implements JobParametersValidator {

	/** Push only the contacts whose last push to the target failed: what an operator retries after fixing a cause. */
	static final String FAILED_ONLY = "failedOnly";

	private final CrmMappings mappings;

	CrmPushParameters(CrmMappings mappings) {
		this.mappings = mappings;
	}

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		String only = parameters.getString("only");
		if (only != null && !only.equals(CrmPushJobConfiguration.DELETIONS)) {
			throw new InvalidJobParametersException("only takes one value, deletions (delete in the CRMs the"
					+ " contacts deleted from the store, push nothing), not '" + only + "'.");
		}
		for (var parameter : parameters) {
			if (!List.of("target", "dryRun", FAILED_ONLY, "only").contains(parameter.name())
					&& !RunParameters.isSetByContactSync(parameter.name())) {
				throw new InvalidJobParametersException("crm-push takes target=<mapping>, dryRun=true,"
						+ " failedOnly=true and only=deletions; '"
						+ parameter.name() + "' is not a parameter of it.");
			}
		}
		String target = parameters.getString("target");
		if (target != null && mappings.byName(target).isEmpty()) {
			throw new InvalidJobParametersException("No mapping '" + target + "'; the mappings are "
					+ String.join(", ", mappings.all().stream().map(CrmMapping::name).toList()) + ".");
		}
		trueOrFalse(parameters, "dryRun");
		trueOrFalse(parameters, FAILED_ONLY);
		if (only != null && "true".equals(parameters.getString(FAILED_ONLY))) {
			throw new InvalidJobParametersException("only=deletions pushes nothing, so failedOnly=true has"
					+ " nothing to narrow; give one of them.");
		}
	}

	private static void trueOrFalse(JobParameters parameters, String name) throws InvalidJobParametersException {
		String value = parameters.getString(name);
		if (value != null && !value.equals("true") && !value.equals("false")) {
			throw new InvalidJobParametersException(name + " must be true or false, not '" + value + "'.");
		}
	}
}
