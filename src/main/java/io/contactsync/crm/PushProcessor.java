package io.contactsync.crm;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Maps a contact for its target and leaves it out (filtered, counted as unchanged) when the fields are
 * exactly those last pushed successfully: what makes a push incremental.
 */
class PushProcessor implements ItemProcessor<PushCandidate, PushItem> {

	private final CrmRecordMapper mapper;

	PushProcessor(CrmRecordMapper mapper) {
		this.mapper = mapper;
	}

	@Override
	public PushItem process(PushCandidate candidate) {
		CrmRecord record = mapper.map(candidate.mapping(), candidate.contact());
		if ("synced".equals(candidate.linkStatus()) && record.hash().equals(candidate.lastHash())) {
			return null;
		}
		return new PushItem(candidate.mapping(), record);
	}
}
