package io.contactsync.crm;

import java.util.Map;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Maps a contact for its target and leaves it out (filtered, counted as unchanged) when the fields are exactly
 * those last pushed successfully: what makes a push incremental. A contact pushed before is updated by its CRM
 * record's id under the mapping's field policies; one whose record was converted, or deleted in the CRM with
 * {@code onMissing: skip}, is left alone.
 */
class PushProcessor implements ItemProcessor<PushCandidate, PushItem> {

	private static final TypeReference<Map<String, String>> FIELDS = new TypeReference<>() {
	};

	private final CrmRecordMapper mapper;

	private final JsonMapper json;

	PushProcessor(CrmRecordMapper mapper, JsonMapper json) {
		this.mapper = mapper;
		this.json = json;
	}

	@Override
	public PushItem process(PushCandidate candidate) {
		if (CrmLinkStatus.isLeftAlone(candidate.linkStatus())) {
			return null;
		}
		CrmMapping mapping = candidate.mapping();
		Map<String, String> values = mapper.values(mapping, candidate.contact());
		CrmRecord mapped = mapper.record(mapping, candidate.contactId(), values);
		boolean settled = CrmLinkStatus.SYNCED.equals(candidate.linkStatus())
				|| CrmLinkStatus.SHARED.equals(candidate.linkStatus());
		if (settled && mapped.hash().equals(candidate.lastHash())) {
			return null;
		}
		return planned(candidate, values, mapped);
	}

	/** What a push would send for the candidate, changed or not: for the dashboard's payload preview. */
	PushItem planned(PushCandidate candidate) {
		Map<String, String> values = mapper.values(candidate.mapping(), candidate.contact());
		return planned(candidate, values, mapper.record(candidate.mapping(), candidate.contactId(), values));
	}

	private PushItem planned(PushCandidate candidate, Map<String, String> values, CrmRecord mapped) {
		CrmMapping mapping = candidate.mapping();
		if (candidate.crmId() == null) {
			return WritePolicies.create(mapping, mapped);
		}
		Map<String, String> lastPushed = candidate.pushedFields() == null ? Map.of()
				: json.readValue(candidate.pushedFields(), FIELDS);
		return WritePolicies.update(mapping, mapped, values, candidate.crmId(), lastPushed);
	}
}
