package io.forkliftvddk.core.forklift;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CopyOnWriteArrayList;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;

/**
 * A fabric8 KubernetesMockServer (CRUD mode, with expectations for injected failures) on 127.0.0.1 holding the Forklift
 * CRDs ({@code providers}, {@code forkliftcontrollers}) and, unless told otherwise, a ForkliftController
 * {@code forklift-controller} in {@code openshift-mtv}. Reused by core tests, CLI tests (through
 * {@link #writeKubeconfig(Path)}) and the demo ({@link #main}).
 *
 * <p>Known gaps of the mock (see test-environment.md §6): merge-patch {@code null} does not delete, no server-side
 * apply, set-based selectors ignored, no garbage collection, no webhooks, no operator. Code under test must not rely on
 * any of them.
 */
public final class MockCluster implements AutoCloseable {

    public static final String MTV_NAMESPACE = "openshift-mtv";
    public static final String CONTROLLER = "forklift-controller";
    /** The token the kubeconfig carries; the mock does not check it. */
    public static final String TOKEN = "mock-token-not-secret";

    private final KubernetesMockServer server;
    private final NamespacedKubernetesClient client;

    private final List<Sent> sent;

    /** A request the mock received: method, path, content type and body. */
    public record Sent(String method, String path, String contentType, String body) {
    }

    private MockCluster(KubernetesMockServer server, List<Sent> sent) {
        this.server = server;
        this.sent = sent;
        this.client = server.createClient();
    }

    /** The usual cluster: CRDs (spec schema untyped, as MTV ≤ 2.12) and a controller in openshift-mtv. */
    public static MockCluster start() {
        MockCluster c = startEmpty();
        c.installCrds(false);
        c.createNamespace(MTV_NAMESPACE);
        c.createController(MTV_NAMESPACE, CONTROLLER, Map.of("feature_ui_plugin", "true", "feature_validation", "true"));
        return c;
    }

    /** A mock with nothing in it (no CRDs): "MTV is not installed". */
    public static MockCluster startEmpty() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        List<Sent> sent = new CopyOnWriteArrayList<>();
        KubernetesMixedDispatcher dispatcher = new KubernetesMixedDispatcher(responses) {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                // keep the body before the CRUD handler consumes it, for assertions on what was sent
                byte[] body = request.getBody() == null ? new byte[0] : request.getBody().getBytes();
                sent.add(new Sent(request.getMethod(), request.getPath(), request.getHeader("Content-Type"),
                        new String(body, StandardCharsets.UTF_8)));
                return super.dispatch(request);
            }
        };
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
        try {
            server.init(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the Kubernetes mock server on 127.0.0.1", e);
        }
        return new MockCluster(server, sent);
    }

    public KubernetesMockServer server() {
        return server;
    }

    public NamespacedKubernetesClient client() {
        return client;
    }

    /** The API server URL, e.g. http://127.0.0.1:PORT. */
    public String url() {
        String u = server.url("/");
        return u.endsWith("/") ? u.substring(0, u.length() - 1) : u;
    }

    /** A connection to this mock as core takes it (kubeconfig contents). */
    public KubeConnection connection() {
        return KubeConnection.ofKubeconfig(kubeconfig(null), null);
    }

    /** A kubeconfig pointing at this mock; {@code namespace} becomes the context's namespace when not null. */
    public String kubeconfig(String namespace) {
        return "apiVersion: v1\nkind: Config\n"
                + "clusters:\n- name: mock\n  cluster:\n    server: " + url() + "\n"
                + "contexts:\n- name: mock\n  context:\n    cluster: mock\n    user: mock\n"
                + (namespace != null ? "    namespace: " + namespace + "\n" : "")
                + "current-context: mock\n"
                + "users:\n- name: mock\n  user:\n    token: " + TOKEN + "\n";
    }

    /** Writes {@link #kubeconfig(String)} (mode 0600) and returns the path. */
    public Path writeKubeconfig(Path file) throws IOException {
        Files.writeString(file, kubeconfig(null));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Registers the Forklift CRDs; {@code typedControllerSpec} types some spec fields (boolean/integer) as a future MTV might. */
    public void installCrds(boolean typedControllerSpec) {
        client.apiextensions().v1().customResourceDefinitions().resource(crd("providers", "Provider", null, true)).create();
        JSONSchemaProps spec = typedControllerSpec
                ? new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true)
                        .addToProperties("controller_vsphere_incremental_backup", new JSONSchemaPropsBuilder().withType("boolean").build())
                        .addToProperties("controller_vddk_job_active_deadline_sec", new JSONSchemaPropsBuilder().withType("integer").build())
                        .addToProperties("vddk_image", new JSONSchemaPropsBuilder().withType("string").build())
                        .build()
                : null;
        client.apiextensions().v1().customResourceDefinitions().resource(crd("forkliftcontrollers", "ForkliftController", spec, false)).create();
    }

    /** Adds the OLM annotation kubectl-mtv and we read to find the operator namespace. */
    public void annotateProviderCrd(String key, String value) {
        client.apiextensions().v1().customResourceDefinitions().withName(ForkliftApi.PROVIDERS_CRD)
                .edit(c -> {
                    c.getMetadata().getAnnotations().put(key, value);
                    return c;
                });
    }

    public void createNamespace(String name) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
    }

    public GenericKubernetesResource createController(String namespace, String name, Map<String, Object> spec) {
        GenericKubernetesResource c = new GenericKubernetesResourceBuilder()
                .withApiVersion(ForkliftApi.API_VERSION).withKind(ForkliftApi.CONTROLLER_KIND)
                .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withAdditionalProperties(new LinkedHashMap<>(Map.of("spec", new LinkedHashMap<>(spec))))
                .build();
        return ForkliftApi.controllers(client).inNamespace(namespace).resource(c).create();
    }

    public GenericKubernetesResource controller() {
        return ForkliftApi.controllers(client).inNamespace(MTV_NAMESPACE).withName(CONTROLLER).get();
    }

    /** The controller's spec as stored. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> controllerSpec() {
        return (Map<String, Object>) controller().getAdditionalProperties().get("spec");
    }

    /** All requests received since the last call, in order, for asserting what was sent. */
    public List<Sent> takeRequests() {
        synchronized (sent) {
            List<Sent> out = new ArrayList<>(sent);
            sent.clear();
            return out;
        }
    }

    private static CustomResourceDefinition crd(String plural, String kind, JSONSchemaProps spec, boolean statusSubresource) {
        JSONSchemaProps schema = new JSONSchemaPropsBuilder().withType("object")
                .addToProperties("spec", spec != null ? spec
                        : new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build())
                .addToProperties("status", new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true).build())
                .build();
        var b = new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(plural + "." + ForkliftApi.GROUP).withAnnotations(new HashMap<>()).endMetadata()
                .withNewSpec().withGroup(ForkliftApi.GROUP).withScope("Namespaced")
                .withNewNames().withKind(kind).withPlural(plural).withSingular(kind.toLowerCase()).withListKind(kind + "List").endNames()
                .addNewVersion().withName(ForkliftApi.VERSION).withServed(true).withStorage(true)
                .withNewSchema().withOpenAPIV3Schema(schema).endSchema();
        if (statusSubresource) {
            b = b.withNewSubresources().withNewStatus().endStatus().endSubresources();
        }
        return b.endVersion().endSpec().build();
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    /**
     * Starts a mock cluster for demos: prints the path of a kubeconfig pointing at it, then serves until killed.
     * Usage: {@code java -cp <core test classpath> io.forkliftvddk.core.forklift.MockCluster [kubeconfig-path]}.
     */
    public static void main(String[] args) throws Exception {
        MockCluster c = start();
        Path kubeconfig = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("mock-kubeconfig-", ".yaml");
        c.writeKubeconfig(kubeconfig);
        System.out.println(kubeconfig.toAbsolutePath());
        System.out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(c::close));
        Thread.currentThread().join();
    }
}
