package io.contactsync.config;

import java.sql.Connection;

import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;
import org.springframework.stereotype.Component;

/**
 * Version 1 of the schema: Spring Batch's job repository tables, run from the script that ships inside
 * spring-batch-core, so the tables always match the Batch version on the class path. Spring Boot does not
 * create them on PostgreSQL, and with Flyway owning the schema they belong in its history.
 */
@Component
class BatchSchemaMigration implements JavaMigration {

	private static final String SCRIPT = "org/springframework/batch/core/schema-postgresql.sql";

	@Override
	public MigrationVersion getVersion() {
		return MigrationVersion.fromVersion("1");
	}

	@Override
	public String getDescription() {
		return "spring batch schema";
	}

	@Override
	public Integer getChecksum() {
		return null;
	}

	@Override
	public boolean canExecuteInTransaction() {
		return true;
	}

	@Override
	public void migrate(Context context) throws Exception {
		Connection connection = context.getConnection();
		ScriptUtils.executeSqlScript(connection, new ClassPathResource(SCRIPT));
	}
}
