package io.contactsync.alerts;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.contactsync.alerts.AlertRules.Destination;
import io.contactsync.alerts.AlertRules.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * The destinations of jobs/alerts.yml with their URL and secret, read from the environment variables the file
 * names. They are read at each alert, as the CRM credentials are, so that a rotated secret needs no restart; at
 * start each destination that is off says why, once. No URL or secret is ever logged: a Slack URL is a credential.
 */
class AlertDestinations {

	private static final Logger log = LoggerFactory.getLogger(AlertDestinations.class);

	private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

	/** A destination ready to send to. */
	record Ready(Destination destination, URI url, String secret) {
	}

	private final List<Destination> destinations;

	private final Environment environment;

	private final boolean allowPlainHttp;

	AlertDestinations(AlertRules rules, Environment environment, AlertsProperties properties) {
		this.destinations = rules.destinations();
		this.environment = environment;
		this.allowPlainHttp = properties.allowPlainHttp();
		for (Destination destination : destinations) {
			String off = whyOff(destination);
			if (off != null) {
				log.info("Alerts to {} are off: {}", destination.name(), off);
			}
		}
	}

	/** The destinations that can be sent to now. */
	List<Ready> ready() {
		List<Ready> ready = new ArrayList<>();
		for (Destination destination : destinations) {
			if (whyOff(destination) == null) {
				ready.add(new Ready(destination, URI.create(value(destination.urlEnv()).orElseThrow()),
						destination.kind() == Kind.WEBHOOK ? value(destination.secretEnv()).orElseThrow() : null));
			}
		}
		return ready;
	}

	/** Why the destination cannot be sent to, naming the variable and never its value; null when it can. */
	private String whyOff(Destination destination) {
		Optional<String> url = value(destination.urlEnv());
		if (url.isEmpty()) {
			return "environment variable " + destination.urlEnv() + " is unset";
		}
		if (destination.kind() == Kind.WEBHOOK && value(destination.secretEnv()).isEmpty()) {
			return "environment variable " + destination.secretEnv() + " (the signing secret) is unset";
		}
		URI uri;
		try {
			uri = new URI(url.get());
		}
		catch (URISyntaxException ex) {
			return "the value of " + destination.urlEnv() + " is not a URL";
		}
		if ("https".equals(uri.getScheme()) && uri.getHost() != null) {
			return null;
		}
		if ("http".equals(uri.getScheme()) && uri.getHost() != null
				&& (allowPlainHttp || LOCAL_HOSTS.contains(uri.getHost()))) {
			return null;
		}
		return "the URL in " + destination.urlEnv() + " must be https:// (plain http only to localhost, or with"
				+ " contactsync.alerts.allow-plain-http=true)";
	}

	private Optional<String> value(String variable) {
		String value = environment.getProperty(variable);
		return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
	}
}
