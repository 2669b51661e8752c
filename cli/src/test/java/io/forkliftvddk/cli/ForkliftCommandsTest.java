package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Secret;
import io.forkliftvddk.core.forklift.ForkliftApi;
import io.forkliftvddk.core.forklift.MockCluster;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ForkliftCommandsTest {

    private static final String PINNED = "quay.io/org/vddk@sha256:" + "e".repeat(64);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;
    MockCluster cluster;
    Path kubeconfig;
    InputStream originalIn;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void start() throws Exception {
        cluster = MockCluster.start();
        kubeconfig = cluster.writeKubeconfig(tmp.resolve("kubeconfig"));
        originalIn = System.in;
    }

    @AfterEach
    void stop() {
        System.setIn(originalIn);
        cluster.close();
    }

    private Run runWithStdin(String stdin, String... args) {
        System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private Run run(String... args) {
        return runWithStdin("", args);
    }

    private String[] kube(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.add("--kubeconfig");
        a.add(kubeconfig.toString());
        return a.toArray(String[]::new);
    }

    @Test
    void settingsGetSetUnsetRoundTrip() throws Exception {
        Run list = run(kube("settings", "get", "-o", "json"));
        assertThat(list.code()).as(list.err()).isZero();
        JsonNode arr = JSON.readTree(list.out());
        assertThat(arr.isArray()).isTrue();
        JsonNode vddk = null;
        for (JsonNode n : arr) {
            if (n.path("name").asText().equals("vddk_image")) {
                vddk = n;
            }
        }
        assertThat(vddk).isNotNull();
        assertThat(vddk.path("isSet").asBoolean()).isFalse();
        assertThat(vddk.path("value").isNull()).isTrue();
        assertThat(vddk.path("category").asText()).isEqualTo("image");

        Run set = run(kube("settings", "set", "vddk_image", PINNED));
        assertThat(set.code()).as(set.err()).isZero();
        assertThat(set.out()).contains("changed vddk_image: (not set) -> " + PINNED);
        assertThat(cluster.controllerSpec()).containsEntry("vddk_image", PINNED).containsEntry("feature_ui_plugin", "true");

        assertThat(run(kube("settings", "get", "vddk_image")).out().trim()).isEqualTo(PINNED);
        Run table = run(kube("settings", "get", "--all"));
        assertThat(table.out()).startsWith("CATEGORY").contains("feature_ui_plugin").contains(PINNED);
        Run yaml = run(kube("settings", "get", "--setting", "vddk_image", "--setting", "controller_log_level", "-o", "yaml"));
        List<?> docs = new ObjectMapper(new YAMLFactory()).readValue(yaml.out(), List.class);
        assertThat(docs).hasSize(2);

        Run unset = run(kube("settings", "unset", "--setting", "vddk_image"));
        assertThat(unset.code()).as(unset.err()).isZero();
        assertThat(unset.out()).contains("changed vddk_image: " + PINNED + " -> (not set)");
        assertThat(cluster.controllerSpec()).doesNotContainKey("vddk_image");
        assertThat(run(kube("settings", "get", "vddk_image")).out().trim()).isEqualTo("(not set)");
    }

    @Test
    void repeatablePairsGoInOnePatch() {
        Run r = run(kube("settings", "set", "--setting", "controller_log_level", "--value", "5",
                "--setting", "feature_copy_offload", "--value", "no", "-o", "json"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(cluster.controllerSpec()).containsEntry("controller_log_level", "5").containsEntry("feature_copy_offload", "false");
        assertThat(cluster.takeRequests().stream().filter(q -> q.method().equals("PATCH")).count()).isEqualTo(1);
    }

    @Test
    void usageErrorsExitTwo() {
        Run mismatch = run(kube("settings", "set", "--setting", "a", "--value", "b", "--setting", "c"));
        assertThat(mismatch.code()).isEqualTo(2);
        assertThat(mismatch.err()).contains("number of --setting flags (2) must match number of --value flags (1)");
        Run unknown = run(kube("settings", "set", "nope", "1"));
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("unknown setting: nope");
        Run badBool = run(kube("settings", "set", "feature_copy_offload", "maybe"));
        assertThat(badBool.code()).isEqualTo(2);
        Run noSetting = run(kube("settings", "unset"));
        assertThat(noSetting.code()).isEqualTo(2);
        Run badImage = run(kube("configure-forklift", "--vddk-image", "Not An Image"));
        assertThat(badImage.code()).isEqualTo(2);
        assertThat(badImage.err()).contains("invalid value for setting 'vddk_image'");
        Run passwordOnCommandLine = run(kube("create-provider", "vs", "--url", "https://vc/sdk", "-u", "u", "--password", "p"));
        assertThat(passwordOnCommandLine.code()).isEqualTo(2);
        assertThat(cluster.controllerSpec()).doesNotContainKeys("a", "vddk_image");
    }

    @Test
    void clusterFailuresExitOne() throws Exception {
        try (MockCluster empty = MockCluster.startEmpty()) {
            Path kc = empty.writeKubeconfig(tmp.resolve("empty-kubeconfig"));
            Run r = run("settings", "get", "--kubeconfig", kc.toString());
            assertThat(r.code()).isEqualTo(1);
            assertThat(r.err()).contains("MTV/Forklift is not installed");
        }
        Run noController = run(kube("configure-forklift", "--vddk-image", PINNED, "--controller", "nope"));
        assertThat(noController.code()).isEqualTo(1);
        assertThat(noController.err()).contains("ForkliftController 'nope' not found");
    }

    @Test
    void configureForkliftDryRunPrintsThePatchAndChangesNothing() throws Exception {
        Run r = run(kube("configure-forklift", "--vddk-image", PINNED, "--setting", "controller_vddk_job_active_deadline_sec=600",
                "--dry-run", "-o", "json"));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode result = JSON.readTree(r.out());
        assertThat(result.path("dryRun").asBoolean()).isTrue();
        JsonNode patch = JSON.readTree(result.path("patch").asText());
        assertThat(patch).hasSize(2);
        assertThat(patch.get(0).path("path").asText()).isEqualTo("/spec/vddk_image");
        assertThat(cluster.controllerSpec()).doesNotContainKey("vddk_image");

        Run real = run(kube("configure-forklift", "--vddk-image", PINNED, "-n", "openshift-mtv"));
        assertThat(real.code()).as(real.err()).isZero();
        assertThat(cluster.controllerSpec()).containsEntry("vddk_image", PINNED);
    }

    @Test
    void createProviderWithPasswordFromStdinAndCaFile() throws Exception {
        cluster.createNamespace("migrations");
        Path ca = Files.writeString(tmp.resolve("ca.pem"), io.forkliftvddk.core.forklift.provider.TestCaAccess.pem());
        Run r = runWithStdin("s3cret\n", kube("create-provider", "vs", "-n", "migrations", "--url", "https://vc.example.com/sdk",
                "-u", "admin", "--password-stdin", "--cacert", ca.toString(), "--vddk-init-image", PINNED,
                "--use-vddk-aio-optimization", "--preset", "medium", "--sdk-endpoint", "vcenter"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("provider/vs created in namespace migrations (secret vs-vsphere-credentials: created)")
                .contains("setting vddkConfig=VixDiskLib.nfcAio.Session.BufSizeIn64KB=128\\nVixDiskLib.nfcAio.Session.BufCount=8");
        Secret s = cluster.client().secrets().inNamespace("migrations").withName("vs-vsphere-credentials").get();
        assertThat(new String(Base64.getDecoder().decode(s.getData().get("password")), StandardCharsets.UTF_8)).isEqualTo("s3cret");
        assertThat(r.out() + r.err()).doesNotContain("s3cret");
        assertThat(ForkliftApi.providers(cluster.client()).inNamespace("migrations").withName("vs").get()).isNotNull();

        Run again = runWithStdin("s3cret\n", kube("create-provider", "vs", "-n", "migrations", "--url", "https://vc.example.com/sdk",
                "-u", "admin", "--password-stdin", "--cacert", ca.toString(), "--vddk-init-image", PINNED,
                "--use-vddk-aio-optimization", "--preset", "medium", "--sdk-endpoint", "vcenter", "-o", "json"));
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(JSON.readTree(again.out()).path("outcome").asText()).isEqualTo("UNCHANGED");

        Run fail = run(kube("create-provider", "vs", "-n", "migrations", "--url", "https://vc.example.com/sdk", "--secret", "x",
                "--if-exists", "fail"));
        assertThat(fail.code()).isEqualTo(1);
        assertThat(fail.err()).contains("already exists");
    }

    @Test
    void createProviderDryRunNeedsNoCluster() throws Exception {
        Path pw = Files.writeString(tmp.resolve("pw"), "pa55\n");
        Run r = run("create-provider", "--name", "vs", "-n", "demo", "--url", "https://vc/sdk", "-u", "u", "--password-file", pw.toString(),
                "--provider-insecure-skip-tls", "--dry-run", "--kubeconfig", tmp.resolve("missing").toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<JsonNode> docs = new ObjectMapper(new YAMLFactory()).readerFor(JsonNode.class).<JsonNode>readValues(r.out()).readAll();
        assertThat(docs).extracting(d -> d.path("kind").asText()).containsExactly("Secret", "Provider");
        assertThat(r.out()).doesNotContain(Base64.getEncoder().encodeToString("pa55".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.err()).doesNotContain("error");
    }

    @Test
    void createProviderValidationIsAUsageError() {
        Run r = runWithStdin("pw", kube("create-provider", "vs", "-n", "x", "--url", "https://vc/sdk", "-u", "u", "--password-stdin"));
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("either a CA certificate (--cacert FILE) or insecure skip TLS (--provider-insecure-skip-tls) must be provided");
        Run both = run(kube("create-provider", "vs", "--name", "vs", "--url", "https://vc/sdk", "--secret", "s"));
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("cannot specify name as both argument and --name flag");
        Run jsonWithoutDryRun = run(kube("create-provider", "vs", "--url", "https://vc/sdk", "--secret", "s", "-o", "yaml"));
        assertThat(jsonWithoutDryRun.code()).isEqualTo(2);
        Run badEndpoint = run(kube("create-provider", "vs", "--url", "https://vc/sdk", "--secret", "s", "--sdk-endpoint", "cloud"));
        assertThat(badEndpoint.code()).isEqualTo(2);
        assertThat(badEndpoint.err()).contains("invalid SDK endpoint type: cloud");
    }

    @Test
    void vddkInitImageDefaultsToTheEnvironmentAndSaysSo() throws Exception {
        CreateProviderCommand cmd = new CreateProviderCommand();
        cmd.env = Map.of(CreateProviderCommand.VDDK_ENV, PINNED);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(cmd);
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("vs", "-n", "demo", "--url", "https://vc/sdk", "--secret", "creds", "--dry-run", "-o", "json");
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("defaults to $MTV_VDDK_INIT_IMAGE").contains("overrides the global vddk_image");
        JsonNode provider = JSON.readTree(out.toString()).path("items").get(0);
        assertThat(provider.path("spec").path("settings").path("vddkInitImage").asText()).isEqualTo(PINNED);

        CreateProviderCommand none = new CreateProviderCommand();
        none.env = Map.of(CreateProviderCommand.VDDK_ENV, PINNED);
        StringWriter out2 = new StringWriter();
        CommandLine cl2 = new CommandLine(none);
        cl2.setOut(new PrintWriter(out2));
        cl2.setErr(new PrintWriter(new StringWriter()));
        assertThat(cl2.execute("vs", "-n", "demo", "--url", "https://vc/sdk", "--secret", "creds", "--dry-run", "-o", "json",
                "--vddk-init-image", "")).isZero();
        assertThat(JSON.readTree(out2.toString()).path("items").get(0).path("spec").has("settings")).isFalse();
    }

    @Test
    void pullSecretCommand() {
        cluster.createNamespace("target");
        cluster.client().serviceAccounts().inNamespace("target").resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("default").withNamespace("target").endMetadata().build()).create();
        Run r = runWithStdin("tok\n", kube("pull-secret", "--registry", "registry.example.com", "--username", "robot", "--password-stdin",
                "-n", "target"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("target/forklift-vddk-pull: created; ServiceAccount default: appended");
        assertThat(r.out() + r.err()).doesNotContain("tok\n");
        assertThat(run(kube("pull-secret", "--registry", "r", "--username", "u", "-n", "target")).code()).isEqualTo(2);
    }

    @Test
    void twoSecretsOnOneStandardInputAreRefusedBeforeReadingIt() {
        Run provider = runWithStdin("s3cr3t-tok\nvc-pa55\n", "create-provider", "vs", "-n", "demo", "--url", "https://vc/sdk",
                "--username", "u", "--password-stdin", "--insecure-skip-tls", "--server", cluster.url(), "--token-stdin");
        assertThat(provider.code()).isEqualTo(2);
        assertThat(provider.err()).contains("only one secret can come from standard input").contains("--password-file")
                .doesNotContain("s3cr3t-tok").doesNotContain("vc-pa55");
        Run pull = runWithStdin("s3cr3t-tok\nvc-pa55\n", "pull-secret", "--registry", "r.example.com", "--username", "u",
                "--password-stdin", "-n", "target", "--server", cluster.url(), "--token-stdin");
        assertThat(pull.code()).isEqualTo(2);
        assertThat(pull.err()).contains("only one secret can come from standard input").contains("--kubeconfig");
    }
}
