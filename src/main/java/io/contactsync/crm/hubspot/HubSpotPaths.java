package io.contactsync.crm.hubspot;

import io.contactsync.crm.CrmMapping;

/**
 * Where each call goes in the API version a mapping names: {@code v3} ({@code /crm/v3/objects/contacts/...},
 * unsupported from September 2027) or a date version ({@code /crm/objects/2026-03/contacts/...}), whose
 * {@code 2026-09} and later apply the portal's validation rules to API writes. Subscription statuses go to
 * communication preferences: {@code v4} beside v3, the same date version beside a dated one.
 */
record HubSpotPaths(String objects, String properties, String preferences) {

	static HubSpotPaths of(CrmMapping mapping) {
		return of(mapping, mapping.object());
	}

	/** The paths of another object in the mapping's version: {@code notes}, {@code communications}. */
	static HubSpotPaths of(CrmMapping mapping, String object) {
		String version = mapping.options().apiVersion() == null ? "v3" : mapping.options().apiVersion();
		if (version.startsWith("v")) {
			return new HubSpotPaths("/crm/" + version + "/objects/" + object, "/crm/" + version + "/properties/" + object,
					"/communication-preferences/v4");
		}
		return new HubSpotPaths("/crm/objects/" + version + "/" + object, "/crm/properties/" + version + "/" + object,
				"/communication-preferences/" + version);
	}

	String upsert() {
		return objects + "/batch/upsert";
	}

	String create() {
		return objects + "/batch/create";
	}

	String update() {
		return objects + "/batch/update";
	}

	String archive() {
		return objects + "/batch/archive";
	}

	String gdprDelete() {
		return objects + "/gdpr-delete";
	}

	String record(String id) {
		return objects + "/" + id;
	}

	String merge() {
		return objects + "/merge";
	}

	String definitions() {
		return preferences + "/definitions";
	}

	String statusesWrite() {
		return preferences + "/statuses/batch/write";
	}
}
