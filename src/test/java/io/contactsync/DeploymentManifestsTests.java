package io.contactsync;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * deploy/kubernetes, checked as an operator would before {@code kubectl apply -k}: there is no cluster in the build,
 * so the manifests are read as YAML and held against what they copy from (docker-compose.yml, jobs/, mappings/),
 * which would otherwise drift from them unnoticed until a pod failed to start or pushed without credentials.
 */
class DeploymentManifestsTests {

	private static final Path DIR = Path.of("deploy", "kubernetes");

	/** Every object the kustomization applies, by kind and name ("Deployment/contact-sync-manager"). */
	private final Map<String, Map<String, Object>> objects = new LinkedHashMap<>();

	DeploymentManifestsTests() throws IOException {
		for (Object file : list(load(DIR.resolve("kustomization.yaml")).get(0).get("resources"))) {
			for (Map<String, Object> object : load(DIR.resolve((String) file))) {
				objects.put(object.get("kind") + "/" + get(object, "metadata.name"), object);
			}
		}
	}

	@Test
	void everyFileTheKustomizationListsParsesIntoObjectsAndNoneIsTheSecret() {
		assertThat(objects).containsKeys("Deployment/contact-sync-manager", "Deployment/contact-sync-worker",
				"Deployment/contact-sync-artemis", "Service/contact-sync-manager", "Service/contact-sync-artemis",
				"ConfigMap/contact-sync-jobs", "ConfigMap/contact-sync-mappings");
		// Applying the template's placeholders would overwrite the Secret made with kubectl create secret.
		assertThat(objects.keySet()).noneMatch(key -> key.startsWith("Secret/"));
		for (String name : List.of("contact-sync-manager", "contact-sync-artemis")) {
			assertThat(map(get(objects.get("Deployment/" + name), "spec.template.metadata.labels")))
				.as("the pods Service/%s selects", name)
				.containsAllEntriesOf(map(get(objects.get("Service/" + name), "spec.selector")));
		}
	}

	@Test
	void theManagerRunsOnceAndIsStoppedBeforeItsReplacementStarts() {
		Map<String, Object> manager = objects.get("Deployment/contact-sync-manager");
		assertThat(get(manager, "spec.replicas")).as("replicas: two managers would both schedule").isEqualTo(1);
		assertThat(get(manager, "spec.strategy.type")).as("strategy: a rolling update runs two").isEqualTo("Recreate");
		assertThat(value(container("manager"), "CONTACTSYNC_CLUSTER_MODE")).isEqualTo("manager");
		// One broker too: two would split the queue between them.
		assertThat(get(deployment("artemis"), "spec.replicas")).isEqualTo(1);
		assertThat(get(deployment("artemis"), "spec.strategy.type")).isEqualTo("Recreate");
	}

	@Test
	void theWorkersUseTheManagersDatabaseAndBroker() {
		Map<String, Object> worker = container("worker");
		assertThat(value(worker, "CONTACTSYNC_CLUSTER_MODE")).isEqualTo("worker");
		Map<String, Map<String, Object>> managerEnv = env(container("manager"));
		for (String name : List.of("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD",
				"SPRING_ARTEMIS_BROKER_URL", "SPRING_ARTEMIS_USER", "SPRING_ARTEMIS_PASSWORD")) {
			assertThat(env(worker).get(name)).as(name).isNotNull().isEqualTo(managerEnv.get(name));
		}
		// Unset, a manager starts a broker on its own loopback that no worker reaches.
		String port = String.valueOf(get(objects.get("Service/contact-sync-artemis"), "spec.ports.0.port"));
		assertThat(value(worker, "SPRING_ARTEMIS_BROKER_URL")).isEqualTo("tcp://contact-sync-artemis:" + port);
		assertThat(value(worker, "SPRING_ARTEMIS_USER")).isEqualTo(value(container("artemis"), "ARTEMIS_USER"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "manager", "worker" })
	void probesAskSpringsHealthGroupsAndStartUpWaitsForFlyway(String component) {
		Map<String, Object> container = container(component);
		assertThat(get(container, "livenessProbe.httpGet.path")).isEqualTo("/actuator/health/liveness");
		assertThat(get(container, "readinessProbe.httpGet.path")).isEqualTo("/actuator/health/readiness");
		for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
			assertThat(get(container, probe + ".httpGet.port")).as(probe).isEqualTo("http");
		}
		assertThat(get(container, "ports.0")).isEqualTo(Map.of("name", "http", "containerPort", 8080));
		// Migrations on a large store take minutes; a startup cut short rolls them back and starts over.
		int startup = (Integer) get(container, "startupProbe.periodSeconds")
				* (Integer) get(container, "startupProbe.failureThreshold");
		assertThat(startup).as("seconds the startup probe allows").isGreaterThanOrEqualTo(300);
		// contactsync.stop-timeout (25 s) for running jobs to reach a chunk boundary, and then some.
		assertThat((Integer) get(deployment(component), "spec.template.spec.terminationGracePeriodSeconds"))
			.isGreaterThan(25);
		assertThat(get(container, "securityContext.readOnlyRootFilesystem")).isEqualTo(true);
		assertThat(list(get(container, "volumeMounts"))).extracting(mount -> map(mount).get("mountPath"))
			.as("the writable places of a read-only root").contains("/app/data", "/tmp");
	}

	@Test
	void everySecretReferenceNamesAKeyTheSecretTemplateDefines() throws IOException {
		Map<String, Object> template = load(DIR.resolve("secret.example.yaml")).get(0);
		Map<String, Object> keys = map(template.get("stringData"));
		List<Object> references = Stream.of("manager", "worker", "artemis")
			.flatMap(component -> env(container(component)).values().stream())
			.map(entry -> get(entry, "valueFrom.secretKeyRef")).filter(Objects::nonNull).toList();
		// A key the Secret lacks keeps the pod from starting (or, marked optional, silently unsets the variable).
		assertThat(references).isNotEmpty().allSatisfy(ref -> {
			assertThat(get(ref, "name")).isEqualTo(get(template, "metadata.name"));
			assertThat(keys).as("keys of secret.example.yaml").containsKey((String) get(ref, "key"));
		});
	}

	@Test
	void theManagerAndTheWorkersGetEveryCrmCredentialDockerComposePasses() throws IOException {
		Map<String, Object> credentials = map(load(Path.of("docker-compose.yml")).get(0).get("x-crm-credentials"));
		assertThat(credentials).isNotEmpty();
		for (String component : List.of("manager", "worker")) {
			assertThat(env(container(component))).as(component).containsKeys(credentials.keySet().toArray(String[]::new));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "jobs", "mappings" })
	void theConfigMapsHoldEveryFileOfTheirDirectoryAsItIsAndAreMountedWhereTheAppReads(String directory)
			throws IOException {
		Map<String, Object> data = map(get(objects.get("ConfigMap/contact-sync-" + directory), "data"));
		List<Path> files;
		try (Stream<Path> listed = Files.list(Path.of(directory))) {
			files = listed.filter(Files::isRegularFile).sorted().toList();
		}
		assertThat(data.keySet()).containsExactlyInAnyOrderElementsOf(
				files.stream().map(file -> file.getFileName().toString()).toList());
		for (Path file : files) {
			// readString refuses bytes that are not UTF-8, so equal text here means equal bytes.
			assertThat(data.get(file.getFileName().toString()))
				.as("%s in deploy/kubernetes/%s-configmap.yaml; regenerate it as its header says", file, directory)
				.isEqualTo(Files.readString(file, StandardCharsets.UTF_8));
		}
		for (String component : List.of("manager", "worker")) {
			Object volume = list(get(deployment(component), "spec.template.spec.volumes")).stream()
				.filter(v -> ("contact-sync-" + directory).equals(get(v, "configMap.name")))
				.map(v -> map(v).get("name")).findFirst().orElseThrow();
			Map<String, Object> container = container(component);
			assertThat(list(container.get("volumeMounts"))).map(DeploymentManifestsTests::map)
				.filteredOn(mount -> volume.equals(mount.get("name"))).singleElement()
				.extracting(mount -> mount.get("mountPath"))
				.isEqualTo(value(container, "CONTACTSYNC_" + directory.toUpperCase() + "_DIRECTORY"));
		}
	}

	private Map<String, Object> deployment(String component) {
		return objects.get("Deployment/contact-sync-" + component);
	}

	private Map<String, Object> container(String component) {
		return map(get(deployment(component), "spec.template.spec.containers.0"));
	}

	/** The container's environment by variable name, each entry as written (value or valueFrom). */
	private static Map<String, Map<String, Object>> env(Map<String, Object> container) {
		Map<String, Map<String, Object>> env = new LinkedHashMap<>();
		list(container.get("env")).forEach(entry -> env.put((String) map(entry).get("name"), map(entry)));
		return env;
	}

	private static Object value(Map<String, Object> container, String variable) {
		Map<String, Object> entry = env(container).get(variable);
		assertThat(entry).as("env " + variable).isNotNull();
		return entry.get("value");
	}

	/** Follows a dotted path through maps and lists ("spec.template.spec.containers.0"); null where it ends early. */
	private static Object get(Object node, String path) {
		for (String step : path.split("\\.")) {
			if (node instanceof Map<?, ?> map) {
				node = map.get(step);
			}
			else if (node instanceof List<?> list && step.matches("\\d+") && Integer.parseInt(step) < list.size()) {
				node = list.get(Integer.parseInt(step));
			}
			else {
				return null;
			}
		}
		return node;
	}

	/** Every document of a multi-document file; the safe constructor, as no manifest needs a Java type. */
	private static List<Map<String, Object>> load(Path file) throws IOException {
		assertThat(file).isRegularFile();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			List<Map<String, Object>> documents = new ArrayList<>();
			new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader).forEach(doc -> documents.add(map(doc)));
			assertThat(documents).as(file.toString()).isNotEmpty();
			return documents;
		}
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> map(Object node) {
		assertThat(node).isInstanceOf(Map.class);
		return (Map<String, Object>) node;
	}

	private static List<?> list(Object node) {
		assertThat(node).isInstanceOf(List.class);
		return (List<?>) node;
	}
}
