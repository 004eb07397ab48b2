package io.contactsync.jobs;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * The manager's own Artemis broker, for a cluster on one host and for tests; null {@code acceptor} when the cluster
 * uses an external broker. It keeps nothing on disk: its only messages are the partition requests of running steps,
 * which a restarted manager sends again when the job is restarted.
 */
final class ClusterBroker {

	private final String acceptor;

	private EmbeddedActiveMQ broker;

	ClusterBroker(String acceptor) {
		this.acceptor = acceptor;
	}

	boolean isRunning() {
		return acceptor != null;
	}

	void start() throws Exception {
		if (acceptor == null) {
			return;
		}
		ConfigurationImpl configuration = new ConfigurationImpl();
		configuration.setPersistenceEnabled(false);
		configuration.setSecurityEnabled(false);
		configuration.setJMXManagementEnabled(false);
		configuration.addAcceptorConfiguration("in-vm", "vm://0");
		configuration.addAcceptorConfiguration("workers", acceptor);
		broker = new EmbeddedActiveMQ().setConfiguration(configuration);
		broker.start();
	}

	void stop() throws Exception {
		if (broker != null) {
			broker.stop();
		}
	}
}
