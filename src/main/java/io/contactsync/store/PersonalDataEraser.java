package io.contactsync.store;

import java.util.Set;

import org.springframework.core.Ordered;

/**
 * What a module implements for each table and file of its own that may hold personal data, so that a purge
 * (an erasure, or retention deleting quiet contacts) reaches it without knowing the module's tables. Retention
 * runs every eraser in one transaction and audits what they removed; an eraser writes no audit of its own.
 *
 * <p>Erasers run in {@link Ordered} order, all at 0 but the store's, which deletes the contacts themselves and so
 * runs last: until then contact and contact_identity still hold the people, for erasers that look for them there.
 */
public interface PersonalDataEraser extends Ordered {

	/**
	 * The tables this eraser clears of the purged contacts' rows and values. A test checks that every table with
	 * a text or JSON column is declared by some eraser or said to hold no personal data.
	 */
	Set<String> tables();

	/** Removes or scrubs, set-based in the caller's transaction, what the module keeps of the purged contacts. */
	void erase(PurgedContacts purged);

	@Override
	default int getOrder() {
		return 0;
	}
}
