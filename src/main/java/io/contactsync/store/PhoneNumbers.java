package io.contactsync.store;

import java.util.Optional;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * Phone numbers to E.164. A number written without a country code is read as one of the default region
 * ({@code contactsync.phone.default-region}), as a person from there would write it.
 */
public class PhoneNumbers {

	private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private final String defaultRegion;

	public PhoneNumbers(String defaultRegion) {
		if (!util.getSupportedRegions().contains(defaultRegion)) {
			throw new IllegalArgumentException("contactsync.phone.default-region '" + defaultRegion
					+ "' is not a region code; use two letters such as US, GB or DE");
		}
		this.defaultRegion = defaultRegion;
	}

	/** The E.164 form of a valid number, e.g. {@code +442079460958}; empty when it is not a valid number. */
	public Optional<String> toE164(String phone) {
		if (phone == null || phone.isBlank()) {
			return Optional.empty();
		}
		try {
			PhoneNumber number = util.parse(phone, defaultRegion);
			return util.isValidNumber(number) ? Optional.of(util.format(number, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException ex) {
			return Optional.empty();
		}
	}
}
