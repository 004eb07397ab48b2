package io.contactsync.store;

/** No such contact. When it was merged away, {@link #mergedInto()} names the contact that holds it now. */
public class ContactNotFoundException extends RuntimeException {

	private final long contactId;

	private final Long mergedInto;

	public ContactNotFoundException(long contactId, Long mergedInto) {
		super(mergedInto == null ? "No contact " + contactId
				: "Contact " + contactId + " was merged into contact " + mergedInto);
		this.contactId = contactId;
		this.mergedInto = mergedInto;
	}

	public long contactId() {
		return contactId;
	}

	public Long mergedInto() {
		return mergedInto;
	}
}
