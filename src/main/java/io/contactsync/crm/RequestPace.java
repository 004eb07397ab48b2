package io.contactsync.crm;

import java.time.Duration;

/**
 * Each mapping's rate limit, taken by every request a connector sends: the first try of a batch, its retries, the
 * halves of a batch split to find a bad record, schema reads and deletes alike, so that no path around the limit
 * can turn into a 429 storm. The limit is shared by every instance pushing to the CRM.
 */
public interface RequestPace {

	/** Blocks until the mapping's rate limit lets one more request go. */
	void await(CrmMapping mapping);

	/** The CRM said to slow down (a 429): the mapping's next requests wait {@code pause} first, on every instance. */
	void backOff(CrmMapping mapping, Duration pause);

	/**
	 * The CRM said what it allows (HubSpot's X-HubSpot-RateLimit-Max per -Interval-Milliseconds): when that is less
	 * than the mapping's limit, every instance keeps to the CRM's.
	 */
	void limitSeen(CrmMapping mapping, CrmMapping.RateLimit crmLimit);
}
