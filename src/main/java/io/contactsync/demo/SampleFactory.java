package io.contactsync.demo;

import java.util.List;

/** The records of one labelled person of a dedup sample: the first is the person, the others their duplicates. */
interface SampleFactory {

	/** Always the same records for the same person number and seed, so that a restarted sample goes on alike. */
	List<SampleRecord> person(long n);
}
