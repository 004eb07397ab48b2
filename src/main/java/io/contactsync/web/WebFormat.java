package io.contactsync.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/** How the pages write times and durations: in the service's time zone, as people read them. Templates use {@code @format}. */
@Component("format")
class WebFormat {

	private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private final ZoneId zone;

	WebFormat(ZoneId zone) {
		this.zone = zone;
	}

	public String dateTime(Instant time) {
		return time == null ? "—" : DATE_TIME.format(time.atZone(zone));
	}

	public String dateTime(OffsetDateTime time) {
		return time == null ? "—" : dateTime(time.toInstant());
	}

	/** ISO form for {@code <time datetime>}. */
	public String iso(Instant time) {
		return time == null ? "" : time.toString();
	}

	public String duration(Long seconds) {
		if (seconds == null) {
			return "—";
		}
		long s = Math.max(0, seconds);
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return s / 60 + " min " + s % 60 + " s";
		}
		return s / 3600 + " h " + s % 3600 / 60 + " min";
	}
}
