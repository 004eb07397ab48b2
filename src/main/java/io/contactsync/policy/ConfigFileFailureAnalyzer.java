package io.contactsync.policy;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Start-up stopped by a bad file under mappings/ or jobs/: the problems, and not a stack trace. */
class ConfigFileFailureAnalyzer extends AbstractFailureAnalyzer<ConfigFileException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ConfigFileException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix each line named above; `java -jar contact-sync.jar run validate` checks every file under jobs/"
						+ " and mappings/, and POST /api/v1/mappings/validate checks one mapping.", cause);
	}
}
