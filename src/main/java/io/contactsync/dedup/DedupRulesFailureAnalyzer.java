package io.contactsync.dedup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A start-up stopped by the match rules says which lines and fixes, instead of a stack trace. */
class DedupRulesFailureAnalyzer extends AbstractFailureAnalyzer<DedupRulesException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, DedupRulesException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Fix each line named above (jobs/dedup.yml explains every key), then start again or run"
						+ " 'java -jar contact-sync.jar run validate'.",
				cause);
	}
}
