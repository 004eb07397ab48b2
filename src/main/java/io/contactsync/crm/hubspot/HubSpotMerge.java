package io.contactsync.crm.hubspot;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMerge;
import io.contactsync.crm.PushResult;

/**
 * {@code POST contacts/merge}: HubSpot keeps the primary's values, moves the other's activities and associations
 * onto it, and answers the record that stays, whose id it may have changed. A 404 does not say which record is
 * gone: a read of the survivor's tells.
 */
final class HubSpotMerge {

	private HubSpotMerge() {
	}

	/** One request of the connector's under the mapping's rate limit, a 404 answered; a GET when there is no body. */
	interface Call {
		HubSpotResponse send(String path, String body);
	}

	static CrmMerge.Result merge(CrmMapping mapping, CrmMerge merge, String body, Call call) {
		HubSpotPaths paths = HubSpotPaths.of(mapping);
		HubSpotResponse response = call.send(paths.merge(), body);
		if (response.status() == 404) {
			boolean survivorGone = call.send(paths.record(merge.survivorCrmId()), null).status() == 404;
			return CrmMerge.Result.failed(survivorGone ? CrmMerge.Result.SURVIVOR_MISSING : PushResult.RECORD_MISSING,
					response.message());
		}
		if (!response.isSuccess()) {
			return CrmMerge.Result.failed(response.errorCode(), response.message());
		}
		return CrmMerge.Result.ok(response.body().path("id").asString(merge.survivorCrmId()));
	}
}
