package io.forkliftvddk.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.archive.VddkVersion;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.spi.Secret;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void buildParametersCauseAndStepMap() {
        ReleaseCheck missing = new ReleaseCheck(KIT, ImageReference.parse("quay.io/org/vddk:8.0.3"), ReleaseCheck.ImageStatus.MISSING, null);
        assertThat(missing.buildParameters()).containsExactly(
                org.assertj.core.api.Assertions.entry("VDDK_VERSION", "8.0.3-23950268"),
                org.assertj.core.api.Assertions.entry("VDDK_ARCHIVE", KIT.location()),
                org.assertj.core.api.Assertions.entry("VDDK_IMAGE_TAG", "8.0.3"),
                org.assertj.core.api.Assertions.entry("VDDK_ARCHIVE_SHA256", "a".repeat(64)));
        assertThat(missing.causeDescription()).isEqualTo("New VDDK 8.0.3-23950268 found at https://repo.example/kits/" + V.kitFileName());
        assertThat(missing.toMap()).containsKeys("version", "name", "location", "sha256", "imageExists", "tag")
                .containsEntry("imageExists", false).containsEntry("shouldBuild", true).containsEntry("image", "quay.io/org/vddk:8.0.3");
        assertThat(missing.summary()).isEqualTo("new VDDK 8.0.3-23950268: quay.io/org/vddk:8.0.3 does not exist yet");
        ReleaseCheck none = new ReleaseCheck(null, null, ReleaseCheck.ImageStatus.NO_KIT, null);
        assertThatThrownBy(none::buildParameters).isInstanceOf(IllegalStateException.class);
        assertThat(none.summary()).isEqualTo("no VDDK kit matches");
    }

    @Test
    void directorySourcesOnlyUnderAllowedRoots() throws Exception {
        Path root = Files.createDirectories(tmp.resolve("kits"));
        Path inside = Files.createDirectories(root.resolve("vddk"));
        Path outside = Files.createDirectories(tmp.resolve("etc"));
        Path link = Files.createSymbolicLink(root.resolve("escape"), outside);
        List<String> roots = List.of(root.toString());
        assertThat(SourcePolicy.check(SourceSpec.of(inside.toString()), roots)).isEmpty();
        assertThat(SourcePolicy.check(SourceSpec.of(root + "/vddk/../vddk"), roots)).isEmpty();
        assertThat(SourcePolicy.check(SourceSpec.of(root + "/../etc"), roots)).get().asString().contains("is not under an allowed");
        assertThat(SourcePolicy.check(SourceSpec.of(link.toString()), roots)).isPresent();
        assertThat(SourcePolicy.check(SourceSpec.of(inside.toString()), List.of())).get().asString().contains("disabled");
        assertThat(SourcePolicy.check(SourceSpec.of("https://repo.example/kits/"), List.of())).isEmpty();
    }
}
