package io.contactsync.crm;

import java.util.List;

/** One CRM's batch API. A connector retries what the vendor says is transient and reports the rest. */
public interface CrmConnector {

	CrmTarget target();

	/** Whether the mapping's credentials are all in the environment; without them a push is a dry run. */
	boolean hasCredentials(CrmMapping mapping);

	/** The exact request body an upsert of these records sends, for the dry-run report. */
	String requestBody(CrmMapping mapping, List<CrmRecord> records);

	/**
	 * Upserts one batch (at most the mapping's batch size) and returns a result for every record.
	 * @throws CrmUnavailableException when the CRM cannot be reached or keeps refusing after the retries
	 */
	List<PushResult> upsert(CrmMapping mapping, List<CrmRecord> records);
}
