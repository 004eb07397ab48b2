package io.contactsync.capture;

import java.util.Set;
import java.util.stream.Stream;

/**
 * What identifies one person in captured data: their channel identities as {@code channel:external id}, their
 * normalised emails and their phones in E.164.
 */
public record PersonTraces(Set<String> identities, Set<String> emails, Set<String> phones) {

	public PersonTraces {
		identities = Set.copyOf(identities);
		emails = Set.copyOf(emails);
		phones = Set.copyOf(phones);
	}

	/** The bare values, as they may appear anywhere in a payload's text. */
	Stream<String> values() {
		return Stream.of(identities.stream().map(identity -> identity.substring(identity.indexOf(':') + 1)),
				emails.stream(), phones.stream().map(phone -> phone.replace("+", ""))).flatMap(s -> s);
	}

	static String identity(String channel, String externalId) {
		return channel + ":" + externalId;
	}
}
