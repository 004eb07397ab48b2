package io.contactsync.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How large a request body may be, answered 413 before it is read.
 *
 * @param body             any request to the API or the dashboard
 * @param captures         {@code POST /api/v1/captures}: a batch of events or a channel's webhook payload
 * @param mappingValidate  {@code POST /api/v1/mappings/validate}: one mapping file
 */
@ConfigurationProperties("contactsync.limits")
public record RequestLimitsProperties(@DefaultValue("256KB") DataSize body, @DefaultValue("1MB") DataSize captures,
		@DefaultValue("256KB") DataSize mappingValidate) {

	long limitFor(String path) {
		if (path.equals("/api/v1/captures")) {
			return captures.toBytes();
		}
		if (path.equals("/api/v1/mappings/validate")) {
			return mappingValidate.toBytes();
		}
		return body.toBytes();
	}
}
