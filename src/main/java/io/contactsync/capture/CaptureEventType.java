package io.contactsync.capture;

import java.util.Arrays;
import java.util.Optional;

import org.springframework.modulith.NamedInterface;

/** What happened, in the canonical event's {@code type} field. */
@NamedInterface("events")
public enum CaptureEventType {

	/** A conversation began; {@code conversation} names it. */
	CONVERSATION_STARTED,
	/** A message in a conversation: {@code sender}, {@code kind}, {@code text}, {@code id}. */
	MESSAGE,
	/** The visitor left an email ({@code email}), e.g. in the widget's email prompt. */
	EMAIL_COLLECTED,
	/** The visitor filled in a contact form: {@code name}, {@code email}, {@code phone}, {@code text}. */
	FORM_SUBMITTED,
	/** The channel showed the visitor's profile: {@code name}, {@code username}, {@code phone}. */
	PROFILE_SEEN,
	/** A conversation ended. */
	CONVERSATION_CLOSED,
	/** The channel re-keyed the visitor: {@code visitor} is the old id, {@code newVisitor} the new one. */
	IDENTITY_CHANGED,
	/** The visitor agreed to marketing, e.g. ticked the widget's newsletter box. */
	CONSENT_GIVEN,
	/** The visitor opted out of marketing, e.g. sent STOP or pressed unsubscribe. */
	OPTED_OUT;

	public String code() {
		return name().toLowerCase();
	}

	public static Optional<CaptureEventType> fromCode(String code) {
		return Arrays.stream(values()).filter(type -> type.code().equals(code)).findFirst();
	}
}
