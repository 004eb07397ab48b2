package io.contactsync.web;

import java.util.List;

import io.contactsync.crm.CrmMapping;
import io.contactsync.crm.CrmMappings;
import io.contactsync.crm.CrmSyncOverview;
import io.contactsync.crm.MappingSchemaCheck;
import io.contactsync.jobs.ExecutionView;
import io.contactsync.jobs.JobRuns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The sync per CRM target: the mapping's fields, scope and policies; its online check (the last push's, or one run
 * now); the last push's plan and counts; the contacts whose push failed with the CRM's error, and a push of only
 * those again; and the exact request a push would send for any one contact.
 */
@Controller
class CrmPageController {

	private static final String PUSH_JOB = "crm-push";

	private static final int FAILED_SHOWN = 100;

	private final CrmMappings mappings;

	private final CrmSyncOverview overview;

	private final MappingSchemaCheck schemaCheck;

	private final JobRuns runs;

	CrmPageController(CrmMappings mappings, CrmSyncOverview overview, MappingSchemaCheck schemaCheck, JobRuns runs) {
		this.mappings = mappings;
		this.overview = overview;
		this.schemaCheck = schemaCheck;
		this.runs = runs;
	}

	@GetMapping("/crm")
	String targets(Model model) {
		List<CrmMapping> all = mappings.all();
		if (all.size() == 1) {
			return "redirect:/crm/" + all.get(0).name();
		}
		model.addAttribute("mappings", all);
		model.addAttribute("mapping", null);
		return "crm";
	}

	@GetMapping("/crm/{name}")
	String target(@PathVariable String name, @RequestParam(required = false) String contact, Model model) {
		CrmMapping mapping = mapping(name);
		if (contact != null && !contact.isBlank()) {
			if (!contact.strip().matches("\\d{1,18}")) {
				throw new WebPages.BadRequest("contact must be a contact's id, a whole number");
			}
			long id = Long.parseLong(contact.strip());
			model.addAttribute("previewId", id);
			model.addAttribute("preview", overview.preview(name, id).orElse(null));
		}
		return page(mapping, model);
	}

	/** A check against the live schema now, with the credentials this server holds; nothing is written. */
	@PostMapping("/crm/{name}/check")
	String check(@PathVariable String name, Model model) {
		CrmMapping mapping = mapping(name);
		model.addAttribute("checked", schemaCheck.check(mapping));
		return page(mapping, model);
	}

	private String page(CrmMapping mapping, Model model) {
		model.addAttribute("mappings", mappings.all());
		model.addAttribute("mapping", mapping);
		model.addAttribute("counts", overview.statusCounts(mapping.name()));
		model.addAttribute("failed", overview.failed(mapping.name(), FAILED_SHOWN));
		// The jobs page's launch form takes one name=value a line, as the command line does.
		model.addAttribute("retryFailed", "target=" + mapping.name() + "\nfailedOnly=true");
		ExecutionView lastRun = runs.job(PUSH_JOB).lastRun();
		model.addAttribute("lastRun", lastRun);
		model.addAttribute("lastSteps", lastRun == null ? List.of() : lastRun.steps().stream()
			.filter(step -> step.exitMessage() != null && !step.exitMessage().isBlank())
			.filter(step -> List.of("checkSchemas", "pushContacts", "deleteRemoved", "plan").contains(step.name()))
			.toList());
		return "crm";
	}

	private CrmMapping mapping(String name) {
		return mappings.byName(name).orElseThrow(() -> new WebPages.NotFound("No mapping '" + name + "'; the mappings "
				+ "are " + String.join(", ", mappings.all().stream().map(CrmMapping::name).toList()) + "."));
	}
}
