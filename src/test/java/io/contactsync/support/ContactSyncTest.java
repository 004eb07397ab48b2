package io.contactsync.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;

/**
 * The one test context: the whole application on the embedded PostgreSQL, MockMvc, and a clock fixed at
 * {@link TestClock#NOW}. Every test class that uses it shares one Spring context and one database. The server
 * listens on a random port too ({@code @LocalServerPort}), for what only Tomcat itself does (the headers it
 * writes: cookies, redirects); everything else goes through MockMvc.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureMockMvc
@ActiveProfiles("test")
@Import({ TestClock.class, FreshSchema.class, StoreFixture.class, JobFixture.class, CrmPushFixture.class })
public @interface ContactSyncTest {
}
