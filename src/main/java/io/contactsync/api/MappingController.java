package io.contactsync.api;

import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMappings;
import io.contactsync.crm.MappingException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a mapping file before it is committed: the YAML in the body, the same checks as at start-up.
 * A valid mapping answers 200 with what it maps; an invalid one 422 with every problem and its line.
 */
@RestController
@RequestMapping("/api/v1/mappings")
class MappingController {

	private final CrmMappings mappings;

	MappingController(CrmMappings mappings) {
		this.mappings = mappings;
	}

	@PostMapping(path = "/validate", consumes = { "application/yaml", "application/x-yaml", "text/yaml", "text/plain" })
	Map<String, Object> validate(@RequestBody String yaml, @RequestParam(defaultValue = "mapping.yml") String name) {
		if (!name.endsWith(".yml")) {
			throw new BadRequestException("name must be the file's name, ending in .yml, e.g. hubspot.yml");
		}
		CrmMapping mapping = mappings.validate(name, yaml);
		return Map.of("valid", true, "name", mapping.name(), "target", mapping.target().code(), "object",
				mapping.object(), "match_key", mapping.matchKey(), "fields",
				mapping.fields().stream().map(CrmMapping.FieldMapping::target).toList());
	}

	@ExceptionHandler
	ProblemDetail invalid(MappingException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				ex.problems().size() + " problem" + (ex.problems().size() == 1 ? "" : "s") + " in the mapping");
		List<Map<String, Object>> errors = ex.problems().stream()
			.map(p -> Map.<String, Object>of("line", p.line(), "message", p.message()))
			.toList();
		problem.setProperty("errors", errors);
		return problem;
	}
}
