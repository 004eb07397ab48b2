package io.contactsync.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMappings;
import io.contactsync.crm.MappingException;
import io.contactsync.crm.MappingSchemaCheck;
import io.contactsync.policy.FileProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Checks a mapping file before it is committed: the YAML in the body, the same checks as at start-up, and with
 * {@code online=true} against the CRM's live schema too (with the credentials the environment holds). A valid
 * mapping answers 200 with what it maps and what the online check did (or why it was skipped); an invalid one 422
 * with every problem and its line; a schema the CRM would not give 502.
 */
@RestController
@RequestMapping("/api/v1/mappings")
class MappingController {

	private final CrmMappings mappings;

	private final MappingSchemaCheck schemaCheck;

	MappingController(CrmMappings mappings, MappingSchemaCheck schemaCheck) {
		this.mappings = mappings;
		this.schemaCheck = schemaCheck;
	}

	@PostMapping(path = "/validate", consumes = { "application/yaml", "application/x-yaml", "text/yaml", "text/plain" })
	ResponseEntity<?> validate(@RequestBody String yaml, @RequestParam(defaultValue = "mapping.yml") String name,
			@RequestParam(defaultValue = "false") boolean online) {
		if (!name.endsWith(".yml")) {
			throw new BadRequestException("name must be the file's name, ending in .yml, e.g. hubspot.yml");
		}
		CrmMapping mapping = mappings.validate(name, yaml);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("valid", true);
		body.put("name", mapping.name());
		body.put("target", mapping.target().code());
		body.put("object", mapping.object());
		body.put("match_key", mapping.matchKey());
		body.put("fields", mapping.fields().stream().map(CrmMapping.FieldMapping::target).toList());
		if (!online) {
			return ResponseEntity.ok(body);
		}
		MappingSchemaCheck.Verdict verdict = schemaCheck.check(mapping);
		return switch (verdict.outcome()) {
			case INVALID -> ResponseEntity.unprocessableContent().body(problems(verdict.problems().size()
					+ " problem" + (verdict.problems().size() == 1 ? "" : "s") + " against " + verdict.note(),
					verdict.problems()));
			case UNREADABLE -> ResponseEntity.status(HttpStatus.BAD_GATEWAY)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, verdict.line()));
			default -> {
				body.put("online", Map.of("checked", verdict.outcome() == MappingSchemaCheck.Outcome.VALID, "said",
						verdict.line()));
				yield ResponseEntity.ok(body);
			}
		};
	}

	@ExceptionHandler
	ProblemDetail invalid(MappingException ex) {
		return problems(ex.problems().size() + " problem" + (ex.problems().size() == 1 ? "" : "s") + " in the mapping",
				ex.problems());
	}

	private static ProblemDetail problems(String detail, List<FileProblem> problems) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, detail);
		problem.setProperty("errors", problems.stream()
			.map(p -> Map.<String, Object>of("line", p.line(), "message", p.message()))
			.toList());
		return problem;
	}
}
