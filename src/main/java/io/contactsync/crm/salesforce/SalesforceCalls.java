package io.contactsync.crm.salesforce;

import com.sforce.soap.partner.PartnerConnection;
import com.sforce.soap.partner.fault.ApiFault;
import com.sforce.ws.ConnectionException;
import com.sforce.ws.SoapFaultException;
import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmUnavailableException;
import io.contactsync.crm.RequestPace;
import io.contactsync.crm.RetryPolicy;

/**
 * One SOAP call on the mapping's connection, with what Salesforce's faults mean for it: INVALID_SESSION_ID gets
 * one new session without using up an attempt, transient faults are waited out, and every other fault stops
 * the run. Upsert and delete share it, so both read the faults alike.
 */
final class SalesforceCalls {

	private final SalesforceLogin login;

	private final RetryPolicy retries;

	private final RequestPace pace;

	SalesforceCalls(SalesforceLogin login, RetryPolicy retries, RequestPace pace) {
		this.login = login;
		this.retries = retries;
		this.pace = pace;
	}

	/** One call on the mapping's connection. */
	interface Call<T> {
		T send(PartnerConnection connection) throws ConnectionException;
	}

	<T> T send(CrmMapping mapping, Call<T> call) {
		PartnerConnection connection = login.connection(mapping, null);
		boolean renewed = false;
		int attempt = 1;
		while (true) {
			pace.await(mapping);
			try {
				return call.send(connection);
			}
			catch (ConnectionException ex) {
				String code = faultCode(ex);
				if ("INVALID_SESSION_ID".equals(code) && !renewed) {
					renewed = true;
					connection = login.connection(mapping, connection);
					continue;
				}
				if (!isRetryable(ex, code) || !retries.mayRetry(attempt)) {
					throw new CrmUnavailableException("Salesforce refused the batch: " + describe(ex, code), ex);
				}
			}
			retries.sleep(retries.delay(attempt, null));
			attempt++;
		}
	}

	/** The fault's exception code ({@code INVALID_SESSION_ID}, ...); null when no SOAP fault came back. */
	private static String faultCode(ConnectionException ex) {
		if (ex instanceof ApiFault fault && fault.getExceptionCode() != null) {
			return fault.getExceptionCode().name();
		}
		if (ex instanceof SoapFaultException fault && fault.getFaultCode() != null) {
			return fault.getFaultCode().getLocalPart();
		}
		return null;
	}

	/**
	 * Worth sending again: no fault at all (unreachable, cut off), SERVER_UNAVAILABLE, and REQUEST_LIMIT_EXCEEDED
	 * unless it is the org's daily allowance, which frees up only over the next 24 hours.
	 */
	private static boolean isRetryable(ConnectionException ex, String code) {
		if (code == null) {
			return !(ex instanceof SoapFaultException);
		}
		if ("REQUEST_LIMIT_EXCEEDED".equals(code)) {
			String message = ex instanceof ApiFault fault ? fault.getExceptionMessage() : ex.getMessage();
			return message == null || !message.contains("TotalRequests");
		}
		return "SERVER_UNAVAILABLE".equals(code);
	}

	/** The code only, or the kind of connection failure: fault messages may echo what was sent. */
	private static String describe(ConnectionException ex, String code) {
		return code != null ? code : "unreachable (" + ex.getClass().getSimpleName() + ")";
	}
}
