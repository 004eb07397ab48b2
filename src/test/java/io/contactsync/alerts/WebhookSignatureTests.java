package io.contactsync.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The README's verification example is what the service sends: receivers check against that example. */
class WebhookSignatureTests {

	@Test
	void theReadmesExampleIsTheSignatureSent() {
		assertThat(WebhookSignature.sign("example-secret-change-me", 1_755_864_000L,
				"{\"event\":\"run-failed\",\"job\":\"crm-push\",\"execution_id\":42}"))
			.isEqualTo("sha256=33ccd480fe50b2ce108cbff2708f64c0903d777f302a26ef02514c6efea363c1");
	}

	@Test
	void anotherTimestampOrBodyGivesAnotherSignature() {
		String signed = WebhookSignature.sign("s", 1L, "{}");

		assertThat(WebhookSignature.sign("s", 2L, "{}")).isNotEqualTo(signed);
		assertThat(WebhookSignature.sign("s", 1L, "{ }")).isNotEqualTo(signed);
		assertThat(WebhookSignature.sign("t", 1L, "{}")).isNotEqualTo(signed);
	}
}
