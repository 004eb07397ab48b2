package io.contactsync.store;

import java.time.Instant;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** People's edits and deletions of contacts, each audited in the same transaction. */
@Service
public class ContactEditService {

	private final ContactRepository contacts;

	private final ConversationRepository conversations;

	private final AuditLog audit;

	public ContactEditService(ContactRepository contacts, ConversationRepository conversations, AuditLog audit) {
		this.contacts = contacts;
		this.conversations = conversations;
		this.audit = audit;
	}

	/** Applies the changes if nobody changed the contact since {@code expectedVersion}. */
	@Transactional
	public ContactProfile update(long id, int expectedVersion, ContactChanges changes, String actor) {
		if (!contacts.update(id, expectedVersion, changes)) {
			ContactProfile current = contacts.getProfile(id);
			throw new ConflictException("Contact " + id + " was changed by someone else: it is at version "
					+ current.version() + ", not " + expectedVersion + ". Reload it and apply your edit again.");
		}
		audit.record(actor, "contact.updated", "contact", id,
				Map.of("fields", changes.fields().stream().map(field -> field.name().toLowerCase()).sorted().toList()));
		return contacts.getProfile(id);
	}

	/** Records the person's marketing consent or opt-out, said through {@code source}. */
	@Transactional
	public ContactProfile setConsent(long id, boolean given, String source, Instant at, String actor) {
		contacts.lock(id);
		contacts.setConsent(id, given, source, at);
		audit.record(actor, given ? "contact.consent_given" : "contact.opted_out", "contact", id, Map.of());
		return contacts.getProfile(id);
	}

	/**
	 * Deletes the contact with its conversations and messages. A contact still talking to a bot is kept
	 * unless the caller asks to close its conversations first.
	 */
	@Transactional
	public void delete(long id, boolean closeConversations, String actor) {
		contacts.lock(id);
		int open = conversations.countOpen(id);
		if (open > 0 && !closeConversations) {
			throw new ConflictException("Contact " + id + " has " + open + " open conversation" + (open == 1 ? "" : "s")
					+ ". Wait until they are closed, or delete with closeConversations=true to close them first.");
		}
		int closed = conversations.closeOpen(id);
		contacts.delete(id);
		audit.record(actor, "contact.deleted", "contact", id, Map.of("closedConversations", closed));
	}
}
