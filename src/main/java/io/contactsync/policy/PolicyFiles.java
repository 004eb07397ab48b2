package io.contactsync.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Opens the jobs' policy files: {@code <jobs directory>/<name>}, or, when the directory has none (a container
 * image without jobs/), the copy of the shipped file that the build puts into the jar beside the class that reads
 * it. It remembers each file it read and what the file sets, for {@code run validate} to name.
 */
@Component
@EnableConfigurationProperties(PolicyFilesProperties.class)
public class PolicyFiles implements CheckedFiles {

	/** Reads one policy file; {@code file} is how its problems name it. */
	@FunctionalInterface
	public interface Reading<T> {

		T read(String file, Reader yaml);
	}

	private final Path jobsDirectory;

	private final List<CheckedPolicyFile> checked = new CopyOnWriteArrayList<>();

	public PolicyFiles(PolicyFilesProperties properties) {
		this.jobsDirectory = properties.jobsDirectory();
	}

	/**
	 * Reads and checks one policy file.
	 *
	 * @param summary what the policy sets, in a few words
	 */
	public <T> T read(String name, Class<?> shippedBeside, Reading<T> reading, Function<T, String> summary)
			throws IOException {
		Path file = jobsDirectory.resolve(name);
		if (Files.isRegularFile(file)) {
			try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				return remembered(file.toString(), reading.read(file.toString(), reader), summary);
			}
		}
		try (InputStream shipped = shippedBeside.getResourceAsStream(name)) {
			if (shipped == null) {
				throw new IllegalStateException(file + " does not exist and the jar holds no default " + name);
			}
			String source = name + " (shipped default)";
			return remembered(source,
					reading.read(source, new InputStreamReader(shipped, StandardCharsets.UTF_8)), summary);
		}
	}

	/** The files read so far, in the order they were read. */
	@Override
	public List<String> describe() {
		return checked.stream().map(policy -> policy.file() + ": valid — " + policy.summary()).toList();
	}

	private <T> T remembered(String file, T policy, Function<T, String> summary) {
		checked.add(new CheckedPolicyFile(file, summary.apply(policy)));
		return policy;
	}
}
