package io.contactsync.capture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import io.contactsync.jobs.RunParameters;
import io.contactsync.store.Channel;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

/**
 * {@code input} (a capture file or a directory of them; without it the inbox is drained), {@code channel}
 * (for payloads whose shape does not say) and {@code skipLimit} (how many rejects fail the run).
 */
class CaptureImportParametersValidator implements JobParametersValidator {

	private static final Set<String> KNOWN = Set.of("input", "channel", "skipLimit");

	@Override
	public void validate(JobParameters parameters) throws InvalidJobParametersException {
		for (JobParameter<?> parameter : parameters) {
			if (!KNOWN.contains(parameter.name()) && !RunParameters.isSetByContactSync(parameter.name())) {
				throw new InvalidJobParametersException("capture-import takes input=<file or directory>, channel=<"
						+ String.join("|", Channel.codes().split(", ")) + "> and skipLimit=<n>; '" + parameter.name()
						+ "' is not a parameter of it.");
			}
		}
		String input = parameters.getString("input");
		if (input != null) {
			checkInput(Path.of(input));
		}
		String channel = parameters.getString("channel");
		if (channel != null && Channel.fromCode(channel).isEmpty()) {
			throw new InvalidJobParametersException("channel must be one of " + Channel.codes() + ", not '" + channel + "'.");
		}
		String skipLimit = parameters.getString("skipLimit");
		if (skipLimit != null && !skipLimit.matches("\\d{1,18}")) {
			throw new InvalidJobParametersException("skipLimit must be a whole number of rejected records, not '"
					+ skipLimit + "'.");
		}
	}

	private static void checkInput(Path input) throws InvalidJobParametersException {
		if (!Files.exists(input)) {
			throw new InvalidJobParametersException("input " + input + " does not exist.");
		}
		if (Files.isDirectory(input)) {
			if (CaptureFileReader.captureFiles(input).isEmpty()) {
				throw new InvalidJobParametersException("input " + input + " holds no capture files ("
						+ String.join(", ", CaptureFileReader.EXTENSIONS) + ").");
			}
		}
		else if (!CaptureFileReader.isCaptureFile(input)) {
			throw new InvalidJobParametersException("input " + input + " is not a capture file; give "
					+ String.join(", ", CaptureFileReader.EXTENSIONS) + " files or a directory of them.");
		}
	}
}
