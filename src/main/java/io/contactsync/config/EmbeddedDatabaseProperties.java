package io.contactsync.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The embedded PostgreSQL that runs when no {@code spring.datasource.url} is set.
 *
 * @param dataDirectory where the database files live between runs
 * @param port          the port to listen on; 0 picks a free one
 */
@ConfigurationProperties("contactsync.embedded-database")
public record EmbeddedDatabaseProperties(@DefaultValue("data/postgres") Path dataDirectory, @DefaultValue("0") int port) {
}
