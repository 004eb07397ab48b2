package io.contactsync.capture;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * capture_inbox: captures accepted over HTTP, kept durably until capture-import (run without
 * {@code input}) has applied them.
 */
@Repository
public class CaptureInbox {

	private final JdbcClient jdbc;

	CaptureInbox(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores the payload (JSON text) for the next import and returns its inbox id. */
	public long accept(String payloadJson, String channel) {
		return jdbc.sql("insert into capture_inbox (channel, payload) values (:channel, cast(:payload as jsonb)) returning id")
			.param("channel", channel)
			.param("payload", payloadJson)
			.query(Long.class)
			.single();
	}
}
