package io.contactsync.demo;

import java.io.Writer;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.SplittableRandom;

import io.contactsync.config.OwnerOnlyFiles;
import io.contactsync.capture.CanonicalEvents;
import io.contactsync.capture.CaptureEvent;
import io.contactsync.capture.CaptureEventType;

/**
 * Writes canonical capture events as JSON Lines, for trying and benchmarking capture-import: each
 * visitor's profile, then conversations of a few messages each, visitor and bot taking turns. The
 * visitors spread over the five channels; the same seed writes the same file.
 */
class CaptureEventsFile {

	private static final String[] CHANNELS = { "frame", "livechat", "telegram", "whatsapp", "messenger" };

	private final CanonicalEvents canonical;

	CaptureEventsFile(CanonicalEvents canonical) {
		this.canonical = canonical;
	}

	/**
	 * @param events        all events; what visitors and conversations leave are messages
	 * @param visitors      visitors, one profile event each
	 * @param conversations conversations, one start event each, dealt to visitors in turn
	 * @return the number of events written
	 */
	long write(Path file, long events, long visitors, long conversations, long seed) throws IOException {
		long messages = events - visitors - conversations;
		if (messages < 0 || conversations < visitors) {
			throw new IllegalArgumentException("events must be at least visitors + conversations, and conversations at "
					+ "least visitors");
		}
		Instant start = Instant.parse("2025-01-01T00:00:00Z");
		SplittableRandom random = new SplittableRandom(seed);
		long written = 0;
		try (Writer out = OwnerOnlyFiles.newBufferedWriter(file)) {
			for (long v = 0; v < visitors; v++) {
				String channel = CHANNELS[(int) (v % CHANNELS.length)];
				String visitor = "bench-" + seed + "-" + v;
				Instant seen = start.plusSeconds(random.nextLong(200L * 86_400));
				written += line(out, new CaptureEvent(CaptureEventType.PROFILE_SEEN, channel, null, visitor, null, seen,
						null, null, null, null, "Visitor " + v, null, null, null, null));
				long own = conversations / visitors + (v < conversations % visitors ? 1 : 0);
				for (long c = 0; c < own; c++) {
					long number = v + c * visitors;
					long count = messages / conversations + (number < messages % conversations ? 1 : 0);
					written += conversation(out, channel, visitor, "bench-" + seed + "-c" + number,
							seen.plusSeconds(3_600 * c + random.nextInt(3_600)), count);
				}
			}
		}
		return written;
	}

	private long conversation(Writer out, String channel, String visitor, String conversation, Instant start,
			long messages) throws IOException {
		long written = line(out, new CaptureEvent(CaptureEventType.CONVERSATION_STARTED, channel, "Sales assistant",
				visitor, conversation, start, null, null, null, null, null, null, null, null, null));
		for (long m = 0; m < messages; m++) {
			boolean fromVisitor = m % 2 == 0;
			written += line(out, new CaptureEvent(CaptureEventType.MESSAGE, channel, "Sales assistant", visitor,
					conversation, start.plusSeconds(20 * m), "m" + m, fromVisitor ? "visitor" : "bot", "text",
					fromVisitor ? "How much is the Pro plan?" : "The Pro plan is $79 a month.", null, null, null, null,
					null));
		}
		return written;
	}

	private long line(Writer out, CaptureEvent event) throws IOException {
		out.write(canonical.write(event));
		out.write('\n');
		return 1;
	}
}
