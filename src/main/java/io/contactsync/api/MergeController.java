package io.contactsync.api;

import java.security.Principal;
import java.util.Map;

import io.contactsync.dedup.DedupQueries;
import io.contactsync.dedup.MergeService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Merges: by hand, the list of every merge (the job's too), and undo. */
@RestController
class MergeController {

	private final DedupQueries queries;

	private final MergeService merges;

	MergeController(DedupQueries queries, MergeService merges) {
		this.queries = queries;
		this.merges = merges;
	}

	/** Body: {@code {"contact_id": <the contact to merge into this one>}}; this contact survives. */
	@PostMapping("/api/v1/contacts/{id}/merge")
	Map<String, Object> mergeInto(@PathVariable long id, @RequestBody JsonNode body, Principal principal) {
		long other = PageParameters.requiredId(body, "contact_id");
		if (other == id) {
			throw new BadRequestException("contact_id names this contact itself; give the id of the other contact.");
		}
		long record = merges.merge(id, other, principal.getName(), "merged by hand");
		return Map.of("merge_id", record, "survivor_id", id);
	}

	@GetMapping("/api/v1/merges")
	Map<String, Object> list(@RequestParam(defaultValue = "1") int page, @RequestParam(defaultValue = "50") int size) {
		PageParameters.check(page, size);
		DedupQueries.Page<DedupQueries.Merge> found = queries.merges(page, size);
		return Map.of("merges", found.items(), "total", found.total(), "page", page, "size", size);
	}

	/** crm-push merges the records of merged contacts in the CRMs, which no vendor's API can split again. */
	static final String CRM_UNDO = "Records a CRM merged for this merge cannot be undone in the CRMs; the next crm-push"
			+ " creates a record of its own there for the contact brought back.";

	@PostMapping("/api/v1/merges/{id}/undo")
	Map<String, Object> undo(@PathVariable long id, Principal principal) {
		merges.undo(id, principal.getName());
		return Map.of("id", id, "undone", true, "crm", CRM_UNDO);
	}
}
