package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.forklift.MockCluster;
import io.forkliftvddk.core.forklift.RecordingListener;
import io.forkliftvddk.core.forklift.settings.SettingsResult;
import io.forkliftvddk.core.image.ImageReference;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

class SetControllerImageOptionsTest {

    private static final String DIGEST = "sha256:" + "f".repeat(64);

    @TempDir
    Path tmp;

    /** A stand-in for build-image: only the mixin. */
    @Command(name = "fake-build")
    static final class FakeBuild implements Runnable {
        @Mixin
        SetControllerImageOptions controllerImage;

        @Override
        public void run() {
        }
    }

    private static SetControllerImageOptions parse(String... args) {
        FakeBuild cmd = new FakeBuild();
        new CommandLine(cmd).parseArgs(args);
        return cmd.controllerImage;
    }

    @Test
    void setsThePinnedDigestByDefaultAndTheTagOnRequest() throws Exception {
        try (MockCluster c = MockCluster.start()) {
            Path kc = c.writeKubeconfig(tmp.resolve("kc"));
            ImageReference pushed = ImageReference.parse("registry.example.com:5000/vddk/vddk:8.0.1");
            StringWriter out = new StringWriter();

            SetControllerImageOptions o = parse("--set-controller-image", "--kubeconfig", kc.toString());
            o.check(true);
            SettingsResult r = o.apply(pushed, DIGEST, new RecordingListener(), new PrintWriter(out));
            assertThat(r.changes().get(0).value()).isEqualTo("registry.example.com:5000/vddk/vddk@" + DIGEST);
            assertThat(c.controllerSpec()).containsEntry("vddk_image", "registry.example.com:5000/vddk/vddk@" + DIGEST);
            assertThat(out.toString()).contains("changed vddk_image");

            SetControllerImageOptions tag = parse("--set-controller-image", "--controller-image-ref", "tag", "--kubeconfig", kc.toString(),
                    "--mtv-namespace", "openshift-mtv", "--controller", "forklift-controller");
            tag.apply(pushed, DIGEST, new RecordingListener(), new PrintWriter(new StringWriter()));
            assertThat(c.controllerSpec()).containsEntry("vddk_image", "registry.example.com:5000/vddk/vddk:8.0.1");
        }
    }

    @Test
    void refusedWithoutPushAndInactiveWithoutTheFlag() throws Exception {
        assertThatThrownBy(() -> parse("--set-controller-image").check(false)).hasMessage("--set-controller-image requires --push");
        assertThatThrownBy(() -> parse("--controller-image-ref", "latest").check(true)).hasMessageContaining("use digest or tag");
        SetControllerImageOptions off = parse();
        off.check(false);
        assertThat(off.enabled()).isFalse();
        assertThat(off.apply(ImageReference.parse("quay.io/a/b:1"), DIGEST, new RecordingListener(), new PrintWriter(new StringWriter()))).isNull();
    }
}
