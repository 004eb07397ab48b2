package io.contactsync.demo;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** A mistyped dedup-sample parameter is named with what it takes, before anything runs. */
class DedupSampleParametersValidatorTests {

	private final DedupSampleParametersValidator validator = new DedupSampleParametersValidator();

	@Test
	void takesTheGeneratorsAndTheNumbersInTheirRanges() {
		assertThatCode(() -> validator.validate(new JobParametersBuilder().addString("generator", "geco")
			.addString("contacts", "20000").addString("duplicates", "40").addString("seed", "3").toJobParameters()))
			.doesNotThrowAnyException();
		assertThatCode(() -> validator.validate(new JobParametersBuilder().addString("febrl", "a.csv,b.csv")
			.toJobParameters())).doesNotThrowAnyException();
	}

	@Test
	void namesTheParameterAndWhatItTakes() {
		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder().addString("generator", "bogus")
			.toJobParameters())).isInstanceOf(InvalidJobParametersException.class)
			.hasMessage("generator must be channels or geco, not 'bogus'.");
		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder().addString("duplicates", "95")
			.toJobParameters())).hasMessage("duplicates must be from 0 to 90, not 95.");
		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder().addString("contacts", "lots")
			.toJobParameters())).hasMessage("contacts must be a whole number, not 'lots'.");
		assertThatThrownBy(() -> validator.validate(new JobParametersBuilder().addString("people", "5")
			.toJobParameters())).hasMessageContaining("'people' is not a parameter of it");
	}
}
