package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;

import io.forkliftvddk.core.steps.FormCheck.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormChecksTest {

    private static final String PEM = TestCertificates.PEM;

    @Test
    void tag() {
        assertThat(FormChecks.tag("registry.example.com/mtv/vddk:8.0.1").kind()).isEqualTo(Kind.OK);
        assertThat(FormChecks.tag("").message()).isEqualTo("Required.");
        assertThat(FormChecks.tag("Registry.example.com/MTV/vddk:8").kind()).isEqualTo(Kind.ERROR);
        assertThat(FormChecks.tag("quay.io/x/vddk@sha256:" + "a".repeat(64)).message()).contains("needs a tag, not a digest");
        assertThat(FormChecks.tag("vddk:8.0.1").kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.tag("vddk:8.0.1").message()).contains("licence");
        assertThat(FormChecks.tag("${IMAGE}").kind()).isEqualTo(Kind.OK);
    }

    @Test
    void additionalTags() {
        assertThat(FormChecks.additionalTags("latest, 8.0.1\n8").isOk()).isTrue();
        FormCheck c = FormChecks.additionalTags("latest -bad quay.io/x:y");
        assertThat(c.kind()).isEqualTo(Kind.ERROR);
        assertThat(c.message()).contains("-bad").contains("quay.io/x:y").doesNotContain("latest,");
        assertThat(FormChecks.additionalTags("x".repeat(129)).isError()).isTrue();
        assertThat(FormChecks.additionalTags(null).isOk()).isTrue();
    }

    @Test
    void vddkImagePrefersPinned() {
        assertThat(FormChecks.vddkImage("quay.io/x/vddk@sha256:" + "b".repeat(64)).isOk()).isTrue();
        assertThat(FormChecks.vddkImage("quay.io/x/vddk:8").kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.vddkImage("quay.io/x/VDDK:8").isError()).isTrue();
        assertThat(FormChecks.vddkImage("").isOk()).isTrue();
    }

    @Test
    void imageRepositoryRefusesTagsAndDigests() {
        assertThat(FormChecks.imageRepository("127.0.0.1:5000/mtv/vddk", true).isOk()).isTrue();
        assertThat(FormChecks.imageRepository("127.0.0.1:5000/mtv/vddk:8", true).message()).contains("repository only");
        assertThat(FormChecks.imageRepository("quay.io/x@sha256:" + "c".repeat(64), true).isError()).isTrue();
        assertThat(FormChecks.imageRepository("", true).isError()).isTrue();
        assertThat(FormChecks.imageRepository("", false).isOk()).isTrue();
    }

    @Test
    void tagTemplate() {
        assertThat(FormChecks.tagTemplate("").message()).contains("{version}");
        assertThat(FormChecks.tagTemplate("{version}-{build}").message()).contains("8.0.3-23950268");
        assertThat(FormChecks.tagTemplate("v{major}").message()).endsWith("v8");
        assertThat(FormChecks.tagTemplate("{nope}").message()).contains("unknown placeholder {nope}");
        assertThat(FormChecks.tagTemplate("a b {version}").isError()).isTrue();
    }

    @Test
    void archive() {
        assertThat(FormChecks.archive("kits/VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz").isOk()).isTrue();
        assertThat(FormChecks.archive("https://repo.example.com/VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz").isOk()).isTrue();
        assertThat(FormChecks.archive("vddk.tar.gz").kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.archive("ftp://x/y.tar.gz").message()).contains("https://");
        assertThat(FormChecks.archive("https://user:pw@x/y.tar.gz").message()).contains("credentials").doesNotContain("pw");
        assertThat(FormChecks.archive(" ").isError()).isTrue();
    }

    @Test
    void sha256() {
        assertThat(FormChecks.sha256("A".repeat(64)).isOk()).isTrue();
        assertThat(FormChecks.sha256("sha256:" + "0".repeat(64)).isOk()).isTrue();
        assertThat(FormChecks.sha256("0".repeat(63)).isError()).isTrue();
        assertThat(FormChecks.sha256("").isOk()).isTrue();
    }

    @Test
    void runtimeAndRelatedFields() {
        for (String r : List.of("auto", "builtin", "podman", "docker", "PODMAN", "")) {
            assertThat(FormChecks.runtime(r).isOk()).as(r).isTrue();
        }
        assertThat(FormChecks.runtime("buildah").message()).contains("auto, builtin, podman, docker");
        assertThat(FormChecks.runtimePath("/opt/bin/podman", "builtin").kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.runtimePath("/opt/bin/podman", "podman").isOk()).isTrue();
        assertThat(FormChecks.dockerfile("Dockerfile", "builtin").isError()).isTrue();
        assertThat(FormChecks.dockerfile("Dockerfile", "auto").isOk()).isTrue();
        assertThat(FormChecks.runtimeOptions("--network none\n--isolation chroot", "podman").isOk()).isTrue();
        assertThat(FormChecks.runtimeOptions("network none", "podman").isError()).isTrue();
        assertThat(FormChecks.runtimeOptions("--network none", "builtin").kind()).isEqualTo(Kind.WARNING);
    }

    @Test
    void platform() {
        assertThat(FormChecks.platform("amd64").isOk()).isTrue();
        assertThat(FormChecks.platform("linux/amd64").isOk()).isTrue();
        assertThat(FormChecks.platform("amd64,linux/arm64").kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.platform("amd64,linux/arm64").message()).contains("x86_64").contains("linux/arm64");
        assertThat(FormChecks.platform("linux amd64!").isError()).isTrue();
    }

    @Test
    void buildArgs() {
        assertThat(FormChecks.buildArgs("A=1\nB_2=x y z\n# comment\n").isOk()).isTrue();
        assertThat(FormChecks.buildArgs("NOEQUALS").isError()).isTrue();
        assertThat(FormChecks.buildArgs("1A=x").isError()).isTrue();
        FormCheck secret = FormChecks.buildArgs("REGISTRY_PASSWORD=hunter2");
        assertThat(secret.kind()).isEqualTo(Kind.WARNING);
        assertThat(secret.message()).contains("REGISTRY_PASSWORD").doesNotContain("hunter2");
    }

    @Test
    void pushOptions() {
        assertThat(FormChecks.pushOptions(false, null, true).message()).contains("needs push");
        assertThat(FormChecks.pushOptions(true, "oci:out", false).isError()).isTrue();
        assertThat(FormChecks.pushOptions(false, null, false).kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.pushOptions(false, "oci:out", false).isOk()).isTrue();
        assertThat(FormChecks.pushOptions(true, null, true).isOk()).isTrue();
        assertThat(FormChecks.output("oci:out").isOk()).isTrue();
        assertThat(FormChecks.output("oci-archive:vddk.tar").isOk()).isTrue();
        assertThat(FormChecks.output("docker-daemon:x").isError()).isTrue();
        assertThat(FormChecks.output("oci:").isError()).isTrue();
    }

    @Test
    void certificates() {
        assertThat(FormChecks.certificate(PEM).isOk()).isTrue();
        assertThat(FormChecks.certificate("/etc/ssl/ca.pem").message()).contains("PEM");
        assertThat(FormChecks.certificate("-----BEGIN CERTIFICATE-----\nnotbase64\n-----END CERTIFICATE-----").isError()).isTrue();
        assertThat(FormChecks.tls(true, PEM).kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.tls(false, PEM).isOk()).isTrue();
    }

    @Test
    void kube() {
        assertThat(FormChecks.kubeServerUrl("https://api.example.com:6443").isOk()).isTrue();
        assertThat(FormChecks.kubeServerUrl("http://api.example.com:6443").message()).contains("https");
        assertThat(FormChecks.kubeServerUrl("http://127.0.0.1:8080").isOk()).isTrue();
        assertThat(FormChecks.kubeConnection("kc", "https://api", null, null, false, null).isError()).isTrue();
        assertThat(FormChecks.kubeConnection(null, null, "tok", null, false, null).message()).contains("server URL");
        assertThat(FormChecks.kubeConnection(null, "https://api", "tok", null, false, "ctx").isError()).isTrue();
        assertThat(FormChecks.kubeConnection("kc", null, null, PEM, false, null).kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.kubeConnection(null, "https://api", "tok", PEM, true, null).kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.kubeConnection(null, null, null, null, false, null).isOk()).isTrue();
    }

    @Test
    void names() {
        assertThat(FormChecks.namespace("openshift-mtv").isOk()).isTrue();
        assertThat(FormChecks.namespace("OpenShift").isError()).isTrue();
        assertThat(FormChecks.namespace("a".repeat(64)).isError()).isTrue();
        assertThat(FormChecks.namespaces("a b,c").isOk()).isTrue();
        assertThat(FormChecks.namespaces("a B").message()).startsWith("'B'");
        assertThat(FormChecks.resourceName("vcenter.prod-1", true).isOk()).isTrue();
        assertThat(FormChecks.resourceName("", true).isError()).isTrue();
        assertThat(FormChecks.resourceName("-x", false).isError()).isTrue();
        assertThat(FormChecks.timeoutSeconds(0).isError()).isTrue();
        assertThat(FormChecks.timeoutSeconds(300).isOk()).isTrue();
        assertThat(FormChecks.timeoutSeconds(100_000).kind()).isEqualTo(Kind.WARNING);
    }

    @Test
    void settingNames() {
        assertThat(FormChecks.settingName("vddk_image").isOk()).isTrue();
        assertThat(FormChecks.settingName("vddkImage").isError()).isTrue();
        assertThat(FormChecks.settingName("vddk_init_image").message()).contains("vddk_image");
        assertThat(FormChecks.settingNames("vddk_image feature_copy_offload").isOk()).isTrue();
        assertThat(FormChecks.settingNames("vddk_image Bad").isError()).isTrue();
    }

    @Test
    void vsphere() {
        assertThat(FormChecks.vsphereUrl("https://vc.example.com/sdk", "").isOk()).isTrue();
        assertThat(FormChecks.vsphereUrl("https://vc.example.com/sdk/", "vcenter").isOk()).isTrue();
        assertThat(FormChecks.vsphereUrl("https://vc.example.com", "vcenter").kind()).isEqualTo(Kind.WARNING);
        assertThat(FormChecks.vsphereUrl("https://esx1.example.com", "esxi").isOk()).isTrue();
        assertThat(FormChecks.vsphereUrl("http://vc.example.com/sdk", "").message()).contains("https");
        assertThat(FormChecks.vsphereUrl("vc.example.com/sdk", "").isError()).isTrue();
        assertThat(FormChecks.vsphereAuth("vc", null).isOk()).isTrue();
        assertThat(FormChecks.vsphereAuth(null, "vc-secret").isOk()).isTrue();
        assertThat(FormChecks.vsphereAuth(null, "Bad_Name").isError()).isTrue();
        assertThat(FormChecks.vsphereAuth("vc", "s").isError()).isTrue();
        assertThat(FormChecks.vsphereAuth(null, null).isError()).isTrue();
        assertThat(FormChecks.vsphereTls(PEM, false, null).isOk()).isTrue();
        assertThat(FormChecks.vsphereTls(null, true, null).isOk()).isTrue();
        assertThat(FormChecks.vsphereTls(PEM, true, null).isError()).isTrue();
        assertThat(FormChecks.vsphereTls(null, false, null).message()).contains("ca.crt");
        assertThat(FormChecks.vsphereTls(null, false, "existing").isOk()).isTrue();
        assertThat(FormChecks.sdkEndpoint("esxi").isOk()).isTrue();
        assertThat(FormChecks.sdkEndpoint("host").message()).contains("vcenter, esxi");
        assertThat(FormChecks.esxiCloneMethod("ssh").isOk()).isTrue();
        assertThat(FormChecks.esxiCloneMethod("scp").isError()).isTrue();
        assertThat(FormChecks.ifExists("skip").isOk()).isTrue();
        assertThat(FormChecks.ifExists("replace").isError()).isTrue();
        assertThat(FormChecks.dryRunFormat("json").isOk()).isTrue();
        assertThat(FormChecks.dryRunFormat("xml").isError()).isTrue();
    }

    @Test
    void vddkTuning() {
        String img = "quay.io/x/vddk:8";
        assertThat(FormChecks.bufSizeIn64k(0).isOk()).isTrue();
        assertThat(FormChecks.bufSizeIn64k(1024).isOk()).isTrue();
        assertThat(FormChecks.bufSizeIn64k(1025).isError()).isTrue();
        assertThat(FormChecks.bufSizeIn64k(-1).isError()).isTrue();
        assertThat(FormChecks.bufCount(64).isOk()).isTrue();
        assertThat(FormChecks.bufCount(65).isError()).isTrue();
        assertThat(FormChecks.vddkTuning(true, "medium", 0, 0, img, false).isOk()).isTrue();
        assertThat(FormChecks.vddkTuning(true, "medium", 128, 0, img, false).message()).contains("not both");
        // 512 x 32 x 64 KiB = 1 GiB per disk
        FormCheck big = FormChecks.vddkTuning(true, "very-large", 0, 0, img, false);
        assertThat(big.kind()).isEqualTo(Kind.WARNING);
        assertThat(big.message()).contains("1024 MiB");
        assertThat(FormChecks.vddkTuning(true, null, 256, 16, img, false).isOk()).isTrue();
        assertThat(FormChecks.vddkTuning(false, null, 64, 4, img, false).message()).contains("only apply with AIO");
        assertThat(FormChecks.vddkTuning(true, null, 0, 0, null, false).message()).contains("strips");
        assertThat(FormChecks.vddkTuning(true, null, 0, 0, null, true).isOk()).isTrue();
        assertThat(FormChecks.vddkTuning(false, null, 0, 0, null, false).isOk()).isTrue();
        assertThat(FormChecks.vddkTuning(true, "huge", 0, 0, img, false).isError()).isTrue();
        assertThat(FormChecks.vddkInitImage(img, true).isError()).isTrue();
        assertThat(FormChecks.vddkInitImage(img, false).isOk()).isTrue();
    }

    @Test
    void discoveryFields() {
        assertThat(FormChecks.newerThan("8.0.1").isOk()).isTrue();
        assertThat(FormChecks.newerThan("9.0.0.0.24742305").isOk()).isTrue();
        assertThat(FormChecks.newerThan("eight").isError()).isTrue();
        assertThat(FormChecks.namePattern(".*x86_64.*").isOk()).isTrue();
        assertThat(FormChecks.namePattern("(").message()).contains("regular expression");
        assertThat(FormChecks.allowedSourceRoots("/srv/vddk\n/mnt/share").isOk()).isTrue();
        assertThat(FormChecks.allowedSourceRoots("srv/vddk").isError()).isTrue();
        assertThat(FormChecks.allowedSourceRoots("/").kind()).isEqualTo(Kind.WARNING);
    }

    @Test
    void worstJoinsMessagesOfTheWorstKind() {
        FormCheck w = FormCheck.worst(FormCheck.warning("w1"), FormCheck.error("e1"), FormCheck.error("e2"), FormCheck.ok("fine"));
        assertThat(w).isEqualTo(FormCheck.error("e1 e2"));
        assertThat(FormCheck.worst(List.of())).isEqualTo(FormCheck.ok());
        assertThat(FormCheck.worst(FormCheck.ok("info")).message()).isEqualTo("info");
    }

    @Test
    void numbers() {
        assertThat(FormChecks.number("300", FormChecks::timeoutSeconds).isOk()).isTrue();
        assertThat(FormChecks.number("", FormChecks::timeoutSeconds).isError()).isTrue();
        assertThat(FormChecks.number("", FormChecks::bufCount).isOk()).isTrue();
        assertThat(FormChecks.number("1.5", FormChecks::bufCount).message()).isEqualTo("Not a whole number: 1.5");
        assertThat(FormChecks.intOrZero("12")).isEqualTo(12);
        assertThat(FormChecks.intOrZero("x")).isZero();
        assertThat(FormChecks.intOrZero(null)).isZero();
    }
}
