package io.contactsync.crm;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up stopped by mapping files says which files, lines and fixes, instead of a stack trace. */
class MappingFailureAnalyzer extends AbstractFailureAnalyzer<MappingException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MappingException cause) {
		return new FailureAnalysis("The mapping files have problems:\n" + cause.getMessage(),
				"Fix each line named above, or check a file with POST /api/v1/mappings/validate.", cause);
	}
}
