package io.forkliftvddk.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseCheckTest {

    @TempDir
    Path tmp;

    private static final VddkVersion V = VddkVersion.parse("8.0.3-23950268");
    private static final VddkKit KIT = new VddkKit(V.kitFileName(), V, "https://repo.example/kits/" + V.kitFileName() + "?sig=abc",
            21504, "a".repeat(64));

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T o) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (T) in.readObject();
        }
    }

    @Test
    void resultsAndRequestsCrossAJvmBoundary() throws Exception {
        ReleaseCheck check = new ReleaseCheck(KIT, ImageReference.parse("quay.io/org/vddk:8.0.3"),
                ReleaseCheck.ImageStatus.EXISTS, "sha256:" + "b".repeat(64));
        assertThat(roundTrip(check)).isEqualTo(check);
        ReleaseRequest request = ReleaseRequest.of(SourceSpec.of("https://repo.example/kits/")
                        .withAuth(SourceAuth.bearer(Secret.of("s3cr3t-token-value"))).withTls(TlsOptions.insecureSkipVerify()))
                .withFilter(KitFilter.of("8", null, "8.0.1", "x86"))
                .withImage("quay.io/org/vddk", TagTemplate.of("{version}-{build}"));
        ReleaseRequest back = roundTrip(request);
        assertThat(back).isEqualTo(request);
        assertThat(back.source().auth().token().reveal()).isEqualTo("s3cr3t-token-value");
        assertThat(request.toString()).doesNotContain("s3cr3t");
        assertThat(roundTrip(new DownloadResult("/tmp/k", 1, "c".repeat(64), true, false)).verified()).isTrue();
    }

    @Test
    void stepMapAndSummary() {
        ReleaseCheck missing = new ReleaseCheck(KIT, ImageReference.parse("quay.io/org/vddk:8.0.3"), ReleaseCheck.ImageStatus.MISSING, null);
        assertThat(missing.toMap()).containsKeys("version", "name", "location", "sha256", "imageExists", "tag")
                .containsEntry("imageExists", false).containsEntry("shouldBuild", true).containsEntry("image", "quay.io/org/vddk:8.0.3");
        assertThat(missing.summary()).isEqualTo("new VDDK 8.0.3-23950268: quay.io/org/vddk:8.0.3 does not exist yet");
        ReleaseCheck none = new ReleaseCheck(null, null, ReleaseCheck.ImageStatus.NO_KIT, null);
        assertThat(none.shouldBuild()).isFalse();
        assertThat(none.summary()).isEqualTo("no VDDK kit matches");
    }
}
