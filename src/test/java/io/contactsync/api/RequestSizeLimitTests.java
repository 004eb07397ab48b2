package io.contactsync.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.ByteBuffer;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.concurrent.Flow;

import io.contactsync.support.ApplicationTest;
import io.contactsync.support.Tokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Bodies beyond their endpoint's limit (captures 1 MiB, a mapping to validate 256 KiB, anything else 256 KiB) are
 * answered 413 over a real socket, whether their length is declared or they come in chunks, and nothing of them is
 * stored.
 */
class RequestSizeLimitTests extends ApplicationTest {

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@BeforeEach
	void empty() {
		store.clear();
	}

	@Test
	void anOversizedCaptureBatchIs413AndNothingIsStored() throws Exception {
		String event = "{\"type\":\"message\",\"channel\":\"frame\",\"visitor\":\"v\",\"conversation\":\"c\","
				+ "\"at\":\"2025-08-20T10:00:00Z\",\"sender\":\"visitor\",\"text\":\"" + "x".repeat(10_000) + "\"}";
		String batch = "[" + String.join(",", Collections.nCopies(120, event)) + "]";

		assertThat(post("/api/v1/captures", "application/json", batch, false).statusCode()).isEqualTo(413);
		assertThat(post("/api/v1/captures", "application/json", batch, true).statusCode()).isEqualTo(413);
		assertThat(store.count("capture_inbox")).isZero();
	}

	@Test
	void anOversizedMappingIs413BeforeItIsParsed() throws Exception {
		String yaml = "# " + "y".repeat(300 * 1024) + "\ntarget: hubspot\n";

		HttpResponse<String> answer = post("/api/v1/mappings/validate", "application/yaml", yaml, false);

		assertThat(answer.statusCode()).isEqualTo(413);
		assertThat(answer.body()).contains("contactsync.limits");
		assertThat(post("/api/v1/mappings/validate", "application/yaml", yaml, true).statusCode()).isEqualTo(413);
	}

	@Test
	void aBodyWithinItsLimitGoesThrough() throws Exception {
		assertThat(post("/api/v1/mappings/validate", "application/yaml", "target: hubspot\n", true).statusCode())
			.isNotEqualTo(413).isLessThan(500);
	}

	private HttpResponse<String> post(String path, String type, String body, boolean chunked) throws Exception {
		HttpRequest.BodyPublisher publisher = HttpRequest.BodyPublishers.ofString(body);
		if (chunked) {
			// Without a length the client sends Transfer-Encoding: chunked.
			HttpRequest.BodyPublisher sized = publisher;
			publisher = new HttpRequest.BodyPublisher() {

				@Override
				public long contentLength() {
					return -1;
				}

				@Override
				public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
					sized.subscribe(subscriber);
				}
			};
		}
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
			.header("Authorization", "Bearer " + Tokens.OPERATOR.value())
			.header("Content-Type", type)
			.POST(publisher)
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}
}
