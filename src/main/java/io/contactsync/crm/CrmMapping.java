package io.contactsync.crm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One mapping file of {@code mappings/}: how the store's contacts become records of one CRM object.
 *
 * @param name        the file's name without {@code .yml}; what {@code crm-push target=} names and crm_link keys by
 * @param file        the file it was read from, for messages
 * @param target      which CRM
 * @param object      the CRM object: HubSpot {@code contacts}; Salesforce {@code Lead} or {@code Contact}; Zoho
 *                    {@code Leads} or {@code Contacts}
 * @param matchKey    the CRM field that identifies a record across pushes: HubSpot's {@code idProperty},
 *                    Salesforce's external-id field, Zoho's duplicate-check field; one of {@code fields} maps it
 * @param scope       which contacts are pushed
 * @param fields      the CRM fields and where their values come from, in file order
 * @param batchSize   records per request, at most the vendor's limit (HubSpot 100, Salesforce 200, Zoho 100)
 * @param rateLimit   requests allowed per interval, kept on the client side below the vendor's limit
 * @param credentials the environment variables that hold the secrets, by role (e.g. {@code accessToken ->
 *                    HUBSPOT_ACCESS_TOKEN}, {@code baseUrl -> HUBSPOT_BASE_URL}); never the secrets themselves
 * @param deleteMode  what a contact removed from the store other than by erasure (retention's quiet-contact
 *                    delete, an admin's delete) becomes in the CRM: {@code archive} or {@code delete} (the vendor's
 *                    restorable removal: HubSpot's archive, Salesforce's and Zoho's recycle bin), or {@code keep};
 *                    an erased contact's records are always deleted for good
 * @param options     the API version and what a push does when the CRM's record is gone or was converted
 * @param activities  which conversations go to the contact's record as activities, and as what; null for none
 */
public record CrmMapping(String name, String file, CrmTarget target, String object, String matchKey, Scope scope,
		List<FieldMapping> fields, int batchSize, RateLimit rateLimit, Map<String, String> credentials,
		String deleteMode, Options options, Activities activities) {

	/** A mapping that pushes contact fields only. */
	public CrmMapping(String name, String file, CrmTarget target, String object, String matchKey, Scope scope,
			List<FieldMapping> fields, int batchSize, RateLimit rateLimit, Map<String, String> credentials,
			String deleteMode, Options options) {
		this(name, file, target, object, matchKey, scope, fields, batchSize, rateLimit, credentials, deleteMode,
				options, null);
	}

	/**
	 * The conversations pushed as activities on the contact's CRM record, once the contact has one.
	 *
	 * @param closedOnly    only conversations that ended (the default), so that a salesperson reads whole chats
	 * @param minMessages   the fewest messages a conversation needs to go (a greeting alone is not worth a note)
	 * @param channels      the channels whose conversations go; empty for all
	 * @param as            what they become: on HubSpot a {@code note}, or {@code communication} (WhatsApp chats
	 *                      as HubSpot's WhatsApp communications, the rest as notes: HubSpot has no channel type for
	 *                      web chat, Telegram or Messenger); on Salesforce a {@code task}; on Zoho a {@code note}
	 * @param title         the heading of each, with {@code {bot}}, {@code {channel}} and {@code {started}} filled
	 * @param batchSize     activities per request, at most the vendor's limit
	 * @param line          the line of the file the section starts on, for messages
	 */
	public record Activities(boolean closedOnly, int minMessages, Set<String> channels, String as, String title,
			int batchSize, int line) {

		public static final String NOTE = "note";

		public static final String COMMUNICATION = "communication";

		public static final String TASK = "task";

		public Activities {
			channels = Set.copyOf(channels);
		}
	}

	/**
	 * @param apiVersion     HubSpot {@code v3} or a date version such as {@code 2026-03}; Salesforce's SOAP API
	 *                       version, e.g. {@code 65.0}; Zoho {@code v8}
	 * @param onMissing      an update whose record was deleted in the CRM: {@code recreate} it, or {@code skip}
	 * @param convertedLeads a Salesforce Lead sales converted: {@code skip} it from then on (the Contact it became
	 *                       is sales' record now)
	 * @param onLeaveScope   a contact with a CRM record who leaves the scope (opts out, is archived, loses the
	 *                       email or channel scoped on): {@code update} its record still (so an opt-out reaches the
	 *                       CRM), {@code keep} it as last pushed, or {@code delete} it as {@code delete:} says
	 * @param subscriptions  HubSpot only: the subscription types a contact's consent is written to; null for none
	 */
	public record Options(String apiVersion, String onMissing, String convertedLeads, String onLeaveScope,
			Subscriptions subscriptions) {

		public static final String UPDATE = "update";

		public static final String KEEP = "keep";

		public static final String DELETE = "delete";
	}

	/**
	 * HubSpot keeps consent apart from the contact's properties, as a status per email address and subscription
	 * type (communication preferences); a push writes the contact's consent there after its record.
	 *
	 * @param ids                   the subscription types' ids in the portal
	 * @param legalBasis            HubSpot's code for the legal basis, e.g. {@code CONSENT_WITH_NOTICE}
	 * @param legalBasisExplanation the words HubSpot keeps beside it
	 * @param optIn                 whether a contact who consented is subscribed too; without it only opt-outs are
	 *                              written, since a chat's consent may not meet the portal's opt-in rules
	 * @param line                  the line of the file it was written on, for messages
	 */
	public record Subscriptions(List<Long> ids, String legalBasis, String legalBasisExplanation, boolean optIn,
			int line) {

		public static final String SUBSCRIBED = "SUBSCRIBED";

		public static final String NOT_SUBSCRIBED = "NOT_SUBSCRIBED";

		public Subscriptions {
			ids = List.copyOf(ids);
		}

		/** The status a contact's {@code marketing_consent} sets: none while it is unknown, or an opt-in is not written. */
		public String status(Object consent) {
			if (Boolean.FALSE.equals(consent)) {
				return NOT_SUBSCRIBED;
			}
			return Boolean.TRUE.equals(consent) && optIn ? SUBSCRIBED : null;
		}
	}

	/** Contacts a mapping pushes: flags that narrow the store down; an empty channel set means all channels. */
	public record Scope(boolean requireEmail, boolean excludeArchived, boolean excludeOptedOut, Set<String> channels) {
	}

	/**
	 * At most {@code requests} requests in any {@code per}.
	 *
	 * @param perDay the account's daily budget of requests (HubSpot's per-day limit, Salesforce's and Zoho's 24-hour
	 *               allowance), or null for none: once spent, pushes stop with the rest left for the next run
	 */
	public record RateLimit(int requests, Duration per, Integer perDay) {

		public RateLimit(int requests, Duration per) {
			this(requests, per, null);
		}
	}

	/**
	 * One CRM field. Its value is the {@code constant}, or else the contact's {@code source} field passed
	 * through {@code values} (e.g. lead status → picklist value) and then each transform in order; when that
	 * leaves nothing, {@code defaultValue} (how required fields such as Salesforce's {@code LastName} are
	 * never sent empty). A default goes on create only: on an update the CRM keeps what sales typed.
	 *
	 * @param update when an update writes it: {@code ALWAYS}, {@code IF_EMPTY} (only while no value of ours was
	 *               pushed, so what sales typed stays) or {@code NEVER} (create only)
	 * @param clear  whether a value removed in the store is cleared in the CRM too
	 * @param line   the line of the file it was written on, for messages
	 */
	public record FieldMapping(String target, String source, String constant, Map<String, String> values,
			List<Transform> transforms, String defaultValue, Update update, boolean clear, int line) {

		/** Whether its value is true or false (a consent), for a vendor whose boolean fields take JSON booleans. */
		public boolean readsFlag() {
			return source != null && SourceFields.FLAGS.contains(source)
					&& values.values().stream().allMatch(value -> value.equals("true") || value.equals("false"));
		}
	}

	/** When an update of a record already in the CRM writes a field. */
	public enum Update {
		ALWAYS, IF_EMPTY, NEVER;

		public String code() {
			return name().toLowerCase().replace('_', '-');
		}
	}

	/**
	 * One transform of a field, with its argument as written: a java.time pattern for {@code date_time} (none: an
	 * ISO-8601 instant), the CRM field's length for {@code truncate}, none for the others.
	 */
	public record Transform(FieldTransform kind, String argument) {
	}
}
