package io.contactsync.crm;

import java.util.List;
import java.util.Map;

import io.contactsync.policy.FileProblem;

/** One CRM's batch API. A connector retries what the vendor says is transient and reports the rest. */
public interface CrmConnector {

	CrmTarget target();

	/** Whether the mapping's credentials are all in the environment; without them a push is a dry run. */
	boolean hasCredentials(CrmMapping mapping);

	/**
	 * The server this mapping's requests go to first (the API, or the token endpoint's host when a token is fetched
	 * first), for the health check that tells whether the CRM can be reached from here.
	 */
	String endpoint(CrmMapping mapping);

	/**
	 * The fields of the mapping's object as the CRM describes them to the mapping's credentials, for the
	 * online check: what exists, what this user may write, which options a picklist takes.
	 * @throws CrmUnavailableException when the CRM cannot be reached or refuses to describe the object
	 */
	List<CrmField> describe(CrmMapping mapping);

	/**
	 * Problems of the mapping's vendor-only options against the live account, for the online check beside
	 * {@link #describe}: HubSpot's subscription types. None where the vendor has no such options.
	 * @throws CrmUnavailableException when the CRM cannot be reached or refuses to list them
	 */
	default List<FileProblem> checkOptions(CrmMapping mapping) {
		return List.of();
	}

	/** The exact request body an upsert of these records sends, for the dry-run report. */
	String requestBody(CrmMapping mapping, List<CrmRecord> records);

	/**
	 * The bodies of the requests an upsert of these records sends after it, for the dry-run report: HubSpot's
	 * subscription statuses. None for most.
	 */
	default List<String> followUpBodies(CrmMapping mapping, List<CrmRecord> records) {
		return List.of();
	}

	/**
	 * Upserts one batch (at most the mapping's batch size) and returns a result for every record.
	 * @throws CrmUnavailableException when the CRM cannot be reached or keeps refusing after the retries
	 */
	List<PushResult> upsert(CrmMapping mapping, List<CrmRecord> records);

	/**
	 * Ids per removal ({@code erase}: per erasure): the mapping's batch size, or fewer where the vendor's calls
	 * take fewer.
	 */
	default int deleteBatchSize(CrmMapping mapping, boolean erase) {
		return mapping.batchSize();
	}

	/** The exact request body (or call) a removal of these CRM ids sends, for the dry-run report. */
	String deleteRequestBody(CrmMapping mapping, List<String> crmIds, boolean erase);

	/**
	 * Removes one batch of CRM records and returns a result for every id, in input order: with {@code erase} (the
	 * contact was erased) for good, as far as the vendor's API allows; otherwise by the vendor's restorable removal
	 * (HubSpot's archive, Salesforce's and Zoho's recycle bin).
	 * @throws CrmUnavailableException when the CRM cannot be reached or keeps refusing after the retries
	 */
	List<DeleteResult> delete(CrmMapping mapping, List<String> crmIds, boolean erase);

	/**
	 * Whether the vendor merges two records into one, re-parenting what hangs on the merged one (notes, deals,
	 * tasks). Without it, a merge's record is removed as the mapping's {@code delete:} says once the survivor's
	 * record holds its values.
	 */
	default boolean merges(CrmMapping mapping) {
		return false;
	}

	/**
	 * Whether a record pushed before is updated by its CRM id, so that a survivor can take over the merged-away
	 * contact's record; Salesforce upserts by the external id (the store's contact id) instead.
	 */
	default boolean updatesById(CrmMapping mapping) {
		return true;
	}

	/** The exact request a merge sends, for the dry-run report. */
	default String mergeRequestBody(CrmMapping mapping, CrmMerge merge) {
		throw new UnsupportedOperationException(target().label() + " has no merge call");
	}

	/**
	 * Merges one pair, the survivor's record staying primary.
	 * @throws CrmUnavailableException when the CRM cannot be reached or keeps refusing after the retries
	 */
	default CrmMerge.Result merge(CrmMapping mapping, CrmMerge merge) {
		throw new UnsupportedOperationException(target().label() + " has no merge call");
	}

	/**
	 * For the online check of a mapping's {@code activities}: the fields of the object a conversation of this kind
	 * becomes, as the CRM describes them to the mapping's credentials.
	 * @throws CrmUnavailableException when the CRM cannot be reached or refuses to describe the object
	 */
	default List<CrmField> describeActivities(CrmMapping mapping, String kind) {
		throw new UnsupportedOperationException(target().label() + " takes no activities");
	}

	/**
	 * The fields an activity of this kind writes, each with the value it always sends (a picklist's) or null: what
	 * the online check holds against {@link #describeActivities}.
	 */
	default Map<String, String> activityFields(String kind) {
		throw new UnsupportedOperationException(target().label() + " takes no activities");
	}

	/** How this CRM takes a transcript; only asked of a connector whose target has activity kinds. */
	default ActivityFormat activityFormat(CrmMapping mapping) {
		throw new UnsupportedOperationException(target().label() + " takes no activities");
	}

	/** The exact request body a push of these activities (all creates or all updates) sends, for the dry run. */
	default String activityRequestBody(CrmMapping mapping, List<CrmActivity> activities) {
		throw new UnsupportedOperationException(target().label() + " takes no activities");
	}

	/**
	 * Creates (each on its parent record) or updates one batch of activities, all of one kind and all creates or
	 * all updates, and returns a result for every one.
	 * @throws CrmUnavailableException when the CRM cannot be reached or keeps refusing after the retries
	 */
	default List<ActivityResult> pushActivities(CrmMapping mapping, List<CrmActivity> activities) {
		throw new UnsupportedOperationException(target().label() + " takes no activities");
	}

	/**
	 * Deletes one batch of activities of one kind by their CRM ids; one the CRM no longer holds counts as deleted.
	 * @throws CrmUnavailableException when the CRM cannot be reached or keeps refusing after the retries
	 */
	default List<DeleteResult> deleteActivities(CrmMapping mapping, String kind, List<String> crmIds) {
		throw new UnsupportedOperationException(target().label() + " takes no activities");
	}
}
