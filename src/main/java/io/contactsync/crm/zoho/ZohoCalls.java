package io.contactsync.crm.zoho;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmSecrets;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.RequestPace;
import io.contactsync.crm.RetryPolicy;
import io.contactsync.crm.zoho.ZohoTokens.AccessToken;

/**
 * One request to Zoho's API on the mapping's token and data centre, with what Zoho's answers mean for it: a
 * rejected token is replaced once without using up an attempt, 429s, server errors and unreachable moments are
 * waited out, and every other refusal stops the call. Upserts, describes and removals share it.
 */
final class ZohoCalls {

	private final CrmSecrets secrets;

	private final ZohoTokens tokens;

	private final RetryPolicy retries;

	private final RequestPace pace;

	ZohoCalls(CrmSecrets secrets, ZohoTokens tokens, RetryPolicy retries, RequestPace pace) {
		this.secrets = secrets;
		this.tokens = tokens;
		this.retries = retries;
		this.pace = pace;
	}

	/** One request to Zoho's API on the data centre's base URL with the authorization header's value. */
	interface Call {
		ZohoResponse send(String base, String authorization);
	}

	/**
	 * Sends until Zoho gives an answer of the kind asked for ({@code answerField}: per-record results, or the
	 * metadata asked for).
	 * @throws CrmUnavailableException when Zoho cannot be reached or keeps refusing after the retries
	 */
	ZohoResponse send(CrmMapping mapping, Call call, String answerField) {
		String apiUrl = secrets.get(mapping, "apiUrl");
		AccessToken token = tokens.token(mapping, null);
		boolean refreshed = false;
		int attempt = 1;
		while (true) {
			String base = apiUrl != null ? apiUrl : token.apiDomain();
			String authorization = "Zoho-oauthtoken " + token.value();
			ZohoResponse response;
			pace.await(mapping);
			try {
				response = call.send(base, authorization);
			}
			catch (RuntimeException unreachable) {
				response = ZohoResponse.unreachable(unreachable);
			}
			if (response.isRejectedToken() && !refreshed) {
				refreshed = true;
				token = tokens.token(mapping, token);
				continue;
			}
			if (response.answers(answerField)) {
				return response;
			}
			if (!response.isRetryable() || !retries.mayRetry(attempt)) {
				throw new CrmUnavailableException("Zoho refused the batch: " + response.describe(), response.cause());
			}
			if (response.status() == 429) {
				// Zoho counts concurrency and credits per organisation: every instance holds back.
				pace.backOff(mapping, retries.delay(attempt, null));
			}
			else {
				retries.sleep(retries.delay(attempt, null));
			}
			attempt++;
		}
	}
}
