package io.contactsync.support;

import io.contactsync.jobs.JobStarter;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.json.JsonMapper;

/**
 * What nearly every test of the whole application reaches for, in one place: the HTTP side through MockMvc, the store
 * and job-history fixtures, the jobs as operators start them, and the application's own JSON mapper. A test class
 * extends it and declares only what is particular to it.
 */
@ContactSyncTest
public abstract class ApplicationTest {

	@Autowired
	protected MockMvc mvc;

	@Autowired
	protected StoreFixture store;

	@Autowired
	protected JobFixture history;

	@Autowired
	protected JobStarter jobs;

	@Autowired
	protected CrmPushFixture pushes;

	@Autowired
	protected JsonMapper json;

}
