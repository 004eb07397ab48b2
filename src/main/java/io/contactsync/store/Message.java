package io.contactsync.store;

import java.time.Instant;

/** One line of a transcript. {@code sender} is visitor, bot or agent; {@code kind} is text, image, sticker... */
public record Message(long id, String sender, String kind, String text, Instant sentAt) {
}
