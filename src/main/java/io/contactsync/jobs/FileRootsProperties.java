package io.contactsync.jobs;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where jobs launched over HTTP, from the dashboard or by a schedule may read and write files. The command line
 * is not confined: there the operating-system user is the boundary.
 *
 * @param importRoots the directories capture files are read from (with everything below them)
 * @param exportRoot  the directory exports and generated files are written to; a relative {@code output} is
 *                    placed in it
 */
@ConfigurationProperties("contactsync.files")
public record FileRootsProperties(@DefaultValue("samples,data/imports") List<Path> importRoots,
		@DefaultValue("data/exports") Path exportRoot) {

	public static final String IMPORT_ROOTS = "contactsync.files.import-roots";

	public static final String EXPORT_ROOT = "contactsync.files.export-root";
}
