package io.contactsync.api;

import java.security.Principal;
import java.util.Map;

import io.contactsync.dedup.DedupQueries;
import io.contactsync.dedup.MergeService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Duplicate candidates the dedup job was unsure of: list them, merge a pair, or dismiss it for good. */
@RestController
@RequestMapping("/api/v1/duplicates")
class DuplicateController {

	private final DedupQueries queries;

	private final MergeService merges;

	DuplicateController(DedupQueries queries, MergeService merges) {
		this.queries = queries;
		this.merges = merges;
	}

	@GetMapping
	Map<String, Object> pending(@RequestParam(defaultValue = "1") int page,
			@RequestParam(defaultValue = "50") int size) {
		PageParameters.check(page, size);
		DedupQueries.Page<DedupQueries.Candidate> found = queries.pendingCandidates(page, size);
		return Map.of("duplicates", found.items(), "total", found.total(), "page", page, "size", size);
	}

	/** Body: {@code {"survivor_id": <one of the pair>}}. */
	@PostMapping("/{id}/merge")
	Map<String, Object> merge(@PathVariable long id, @RequestBody JsonNode body, Principal principal) {
		long survivor = PageParameters.requiredId(body, "survivor_id");
		long record = merges.mergeCandidate(id, survivor, principal.getName());
		return Map.of("merge_id", record, "survivor_id", survivor);
	}

	@PostMapping("/{id}/dismiss")
	Map<String, Object> dismiss(@PathVariable long id, Principal principal) {
		merges.dismiss(id, principal.getName());
		return Map.of("id", id, "status", "dismissed");
	}
}
