package io.contactsync.crm.hubspot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmRecord;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.PushResult;
import io.contactsync.policy.FileProblem;
import tools.jackson.databind.JsonNode;

/**
 * A batch's consent as HubSpot keeps it: one status per email address and subscription type, written with
 * {@code statuses/batch/write} after the records were. A record counts as pushed only when HubSpot confirms every
 * status it should hold; otherwise it fails (its record id kept), so the next push sends it again.
 */
final class HubSpotSubscriptions {

	/** What a record fails with when HubSpot did not take its subscription status. */
	static final String STATUS_NOT_WRITTEN = "SUBSCRIPTION_STATUS_NOT_WRITTEN";

	/** Inputs per statuses/batch/write call, as HubSpot's batch calls take. */
	static final int MAX_INPUTS = 100;

	private HubSpotSubscriptions() {
	}

	/** One request of the connector's, under the mapping's rate limit; a GET when there is no body. */
	interface Sender {
		HubSpotResponse send(String path, Object body);
	}

	/**
	 * The statuses the records HubSpot took set, at most 100 a request; the results with each record whose
	 * statuses HubSpot did not confirm failed.
	 */
	static List<PushResult> write(CrmMapping mapping, List<CrmRecord> records, List<PushResult> results,
			Sender sender) {
		CrmMapping.Subscriptions subscriptions = mapping.options().subscriptions();
		if (subscriptions == null) {
			return results;
		}
		for (List<CrmRecord> slice : slices(subscriptions, toWrite(records, results))) {
			HubSpotResponse response = sender.send(HubSpotPaths.of(mapping).statusesWrite(), body(subscriptions, slice));
			results = confirm(subscriptions, slice, results, response);
		}
		return results;
	}

	/** The status writes a push of these records would send if HubSpot took them all, for a dry run. */
	static List<Map<String, Object>> bodies(CrmMapping mapping, List<CrmRecord> records) {
		CrmMapping.Subscriptions subscriptions = mapping.options().subscriptions();
		if (subscriptions == null) {
			return List.of();
		}
		List<CrmRecord> written = records.stream().filter(record -> record.subscriptionStatus() != null).toList();
		return slices(subscriptions, written).stream().map(slice -> body(subscriptions, slice)).toList();
	}

	/** The records in requests of at most 100 statuses, one per record and subscription type. */
	private static List<List<CrmRecord>> slices(CrmMapping.Subscriptions subscriptions, List<CrmRecord> written) {
		int perRequest = Math.max(1, MAX_INPUTS / Math.max(1, subscriptions.ids().size()));
		List<List<CrmRecord>> slices = new ArrayList<>();
		for (int from = 0; from < written.size(); from += perRequest) {
			slices.add(written.subList(from, Math.min(written.size(), from + perRequest)));
		}
		return slices;
	}

	/** The mapping's subscription types against those the portal defines ({@code GET definitions}). */
	static List<FileProblem> check(CrmMapping mapping, Sender sender) {
		CrmMapping.Subscriptions subscriptions = mapping.options().subscriptions();
		if (subscriptions == null) {
			return List.of();
		}
		HubSpotResponse response = sender.send(HubSpotPaths.of(mapping).definitions(), null);
		if (!response.isSuccess()) {
			throw new CrmUnavailableException("HubSpot would not list the subscription types: " + response.describe()
					+ " (the token needs the communication preferences read scope)", response.cause());
		}
		return problems(mapping.file(), subscriptions, response.body());
	}

	/** The records HubSpot took whose consent sets a status: the ones a status write is for. */
	private static List<CrmRecord> toWrite(List<CrmRecord> records, List<PushResult> results) {
		Set<Long> pushed = new HashSet<>();
		results.stream().filter(result -> result.outcome() != PushResult.Outcome.FAILED)
			.forEach(result -> pushed.add(result.contactId()));
		return records.stream()
			.filter(record -> record.subscriptionStatus() != null && pushed.contains(record.contactId()))
			.toList();
	}

	/** One input per record and subscription type; the record's key is its email (the mapping matches by it). */
	private static Map<String, Object> body(CrmMapping.Subscriptions subscriptions, List<CrmRecord> records) {
		List<Map<String, Object>> inputs = new ArrayList<>();
		for (CrmRecord record : records) {
			for (long id : subscriptions.ids()) {
				Map<String, Object> input = new LinkedHashMap<>();
				input.put("subscriberIdString", record.key());
				input.put("subscriptionId", id);
				input.put("channel", "EMAIL");
				input.put("statusState", record.subscriptionStatus());
				input.put("legalBasis", subscriptions.legalBasis());
				input.put("legalBasisExplanation", subscriptions.legalBasisExplanation());
				inputs.add(input);
			}
		}
		return Map.of("inputs", inputs);
	}

	/**
	 * The results with each written record that HubSpot did not confirm for every subscription type turned
	 * into a failure naming why: HubSpot's first error where it gave one.
	 */
	private static List<PushResult> confirm(CrmMapping.Subscriptions subscriptions, List<CrmRecord> written,
			List<PushResult> results, HubSpotResponse response) {
		Set<String> confirmed = new HashSet<>();
		String reason = "HubSpot did not confirm the subscription status";
		if (response.isSuccess()) {
			for (JsonNode result : response.body().path("results")) {
				confirmed.add(confirmation(result.path("subscriberIdString").asString(""),
						result.path("subscriptionId").asLong(0), result.path("status").asString("")));
			}
			JsonNode firstError = response.body().path("errors").path(0);
			if (!firstError.isMissingNode()) {
				reason += ": " + firstError.path("message").asString("");
			}
		}
		else {
			reason += ": " + response.describe();
		}
		Map<Long, String> failed = new LinkedHashMap<>();
		for (CrmRecord record : written) {
			boolean all = subscriptions.ids().stream().allMatch(id -> confirmed.contains(
					confirmation(record.key(), id, record.subscriptionStatus())));
			if (!all) {
				failed.put(record.contactId(), reason);
			}
		}
		if (failed.isEmpty()) {
			return results;
		}
		return results.stream().map(result -> failed.containsKey(result.contactId())
				? new PushResult(result.contactId(), PushResult.Outcome.FAILED, result.crmId(), STATUS_NOT_WRITTEN,
						failed.get(result.contactId()))
				: result).toList();
	}

	/** Each listed id the portal does not define, or has switched off, with the types it has. */
	private static List<FileProblem> problems(String file, CrmMapping.Subscriptions subscriptions, JsonNode definitions) {
		Map<Long, JsonNode> byId = new LinkedHashMap<>();
		for (JsonNode definition : definitions.path("results")) {
			byId.put(definition.path("id").asLong(0), definition);
		}
		String known = byId.entrySet().stream()
			.map(type -> type.getKey() + " (" + type.getValue().path("name").asString("") + ")")
			.collect(Collectors.joining(", "));
		List<FileProblem> problems = new ArrayList<>();
		for (long id : subscriptions.ids()) {
			JsonNode definition = byId.get(id);
			if (definition == null) {
				problems.add(new FileProblem(file, subscriptions.line(), "HubSpot has no subscription type " + id
						+ "; its types are " + (known.isEmpty() ? "none" : known) + ": list one of their ids"));
			}
			else if (!definition.path("isActive").asBoolean(true)) {
				problems.add(new FileProblem(file, subscriptions.line(), "HubSpot's subscription type " + id + " ("
						+ definition.path("name").asString("") + ") is not active; activate it or list another"));
			}
		}
		return problems;
	}

	private static String confirmation(String email, long subscriptionId, String status) {
		return email.toLowerCase(Locale.ROOT) + "\0" + subscriptionId + "\0" + status;
	}
}
