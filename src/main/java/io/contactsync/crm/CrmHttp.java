package io.contactsync.crm;

import java.net.http.HttpClient;
import java.time.Duration;

import org.springframework.http.client.ClientHttpRequestFactory;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/** How the connectors talk HTTP. */
public final class CrmHttp {

	private CrmHttp() {
	}

	/** A client builder every connector starts from, so that all of them share one transport and its timeouts. */
	public static RestClient.Builder client() {
		return RestClient.builder().requestFactory(requestFactory());
	}

	/** HTTP/1.1: the JDK client's h2c upgrade on plain http is refused by some proxies and stubs. */
	private static ClientHttpRequestFactory requestFactory() {
		return new JdkClientHttpRequestFactory(HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(10))
			.build());
	}
}
