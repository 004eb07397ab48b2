package io.contactsync.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The bearer tokens of the three roles, filled from {@code CONTACTSYNC_VIEWER_TOKEN},
 * {@code CONTACTSYNC_OPERATOR_TOKEN} and {@code CONTACTSYNC_ADMIN_TOKEN} (see application.yml). Any may be
 * blank; a role without a token cannot be used.
 */
@ConfigurationProperties("contactsync.security.tokens")
public record ApiTokenProperties(String viewer, String operator, String admin) {
}
