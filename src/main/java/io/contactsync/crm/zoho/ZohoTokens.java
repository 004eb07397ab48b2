package io.contactsync.crm.zoho;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.RetryPolicy;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * Zoho's OAuth access tokens, refreshed on the accounts server and cached per mapping and credentials until
 * five minutes before they expire. Apart from the connector because it is the only part that holds the
 * refresh token and client secret and speaks to the accounts server; the rest only carries the token it is
 * given to the API domain it names.
 */
final class ZohoTokens {

	/** How long before its expiry a cached token is replaced, so that no request goes out with a dying one. */
	private static final Duration EXPIRY_MARGIN = Duration.ofMinutes(5);

	private final CrmSecrets secrets;

	private final JsonMapper json;

	private final RetryPolicy retries;

	private final Clock clock;

	private final RestClient client;

	private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

	ZohoTokens(CrmSecrets secrets, JsonMapper json, RetryPolicy retries, Clock clock, RestClient client) {
		this.secrets = secrets;
		this.json = json;
		this.retries = retries;
		this.clock = clock;
		this.client = client;
	}

	/** The cached token, or a new one when there is none, it is about to expire, or Zoho refused {@code rejected}. */
	synchronized AccessToken token(CrmMapping mapping, AccessToken rejected) {
		String accountsUrl = secrets.get(mapping, "accountsUrl");
		String clientId = secrets.get(mapping, "clientId");
		String refreshToken = secrets.get(mapping, "refreshToken");
		// Keyed by the credentials too, so that a rotated refresh token or client is used at once.
		String key = mapping.name() + "|" + accountsUrl + "|" + clientId + "|" + refreshToken.hashCode();
		AccessToken cached = tokens.get(key);
		if (cached != null && !cached.equals(rejected) && clock.instant().isBefore(cached.refreshAt())) {
			return cached;
		}
		AccessToken fresh = refresh(mapping, accountsUrl == null ? ZohoConnector.DEFAULT_ACCOUNTS_URL : accountsUrl);
		tokens.put(key, fresh);
		return fresh;
	}

	/**
	 * {@code grant_type=refresh_token} with the secrets in a form body rather than the query string the docs
	 * show, which access logs and proxies keep.
	 */
	private AccessToken refresh(CrmMapping mapping, String accountsUrl) {
		String form = "grant_type=refresh_token&client_id=" + ZohoConnector.encode(secrets.get(mapping, "clientId"))
				+ "&client_secret=" + ZohoConnector.encode(secrets.get(mapping, "clientSecret")) + "&refresh_token="
				+ ZohoConnector.encode(secrets.get(mapping, "refreshToken"));
		for (int attempt = 1;; attempt++) {
			ZohoResponse response;
			try {
				response = client.post()
					.uri(accountsUrl + "/oauth/v2/token")
					.contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.body(form)
					.exchange((request, answer) -> ZohoResponse.read(answer, json), true);
			}
			catch (RuntimeException unreachable) {
				response = ZohoResponse.unreachable(unreachable);
			}
			String value = response.isSuccess() ? response.body().path("access_token").asString("") : "";
			if (!value.isEmpty()) {
				Duration life = Duration.ofSeconds(response.body().path("expires_in").asLong(3600));
				Duration margin = life.compareTo(EXPIRY_MARGIN.multipliedBy(2)) > 0 ? EXPIRY_MARGIN : life.dividedBy(2);
				String apiDomain = response.body().path("api_domain").asString(ZohoConnector.DEFAULT_API_URL);
				return new AccessToken(value, apiDomain, clock.instant().plus(life).minus(margin));
			}
			if (!response.isRetryable() || !retries.mayRetry(attempt)) {
				throw new CrmUnavailableException("Zoho would not refresh the access token of " + mapping.name()
						+ ": " + response.describe() + hint(response, accountsUrl), response.cause());
			}
			retries.sleep(retries.delay(attempt, null));
		}
	}

	/**
	 * A client registered in one data centre is unknown to the others' accounts servers, which say only
	 * invalid_client: name the setting and the servers so that the fix is one look away.
	 */
	private static String hint(ZohoResponse response, String accountsUrl) {
		if (!"invalid_client".equals(response.code())) {
			return "";
		}
		return ". The client is not known to " + accountsUrl + ": if it was registered in another Zoho data centre,"
				+ " set ZOHO_ACCOUNTS_URL (the mapping's accountsUrl) to that centre's accounts server:"
				+ " https://accounts.zoho.com (US), .eu, .in, .com.au, .jp, .com.cn, .sa or zohocloud.ca";
	}

	/** An access token, the API domain of its data centre, and when to stop using it. */
	record AccessToken(String value, String apiDomain, Instant refreshAt) {

		// The token itself stays out of logs and exception messages.
		@Override
		public String toString() {
			return "AccessToken[apiDomain=" + apiDomain + ", refreshAt=" + refreshAt + "]";
		}
	}
}
