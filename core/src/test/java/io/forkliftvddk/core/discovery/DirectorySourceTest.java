package io.forkliftvddk.core.discovery;

import static io.forkliftvddk.core.discovery.TestKits.kitName;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectorySourceTest {

    @TempDir
    Path tmp;

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    final List<long[]> progress = Collections.synchronizedList(new ArrayList<>());
    final Listener listener = new Listener() {
        @Override
        public void log(Level level, String message) {
            log.add(level + " " + message);
        }

        @Override
        public void progress(String step, long done, long total) {
            progress.add(new long[] {done, total});
        }
    };

    private Path kits() throws IOException {
        Path dir = tmp.resolve("kits");
        TestKits.write(dir, kitName("7.0.3-20134304"), 1000);
        TestKits.write(dir, kitName("8.0.1-21562716"), 2000);
        TestKits.write(dir, kitName("8.0.3-23950268"), 3000);
        TestKits.write(dir, kitName("8.0.3-23950269"), 3100);
        TestKits.write(dir, "VMware-vix-disklib-distrib.tar.gz", 10);
        TestKits.write(dir, "README.txt", 10);
        TestKits.write(dir.resolve("older"), kitName("6.5.3-8315684"), 500);
        TestKits.write(dir.resolve("next"), kitName("9.0.0.0.24742305"), 4000);
        return dir;
    }

    @Test
    void listsKitsNewestFirstAndIgnoresOtherFiles() throws Exception {
        List<VddkKit> kits = new DirectorySource(kits(), false).list(listener);
        assertThat(kits).extracting(k -> k.version().toString())
                .containsExactly("8.0.3-23950269", "8.0.3-23950268", "8.0.1-21562716", "7.0.3-20134304");
        assertThat(kits.get(0).size()).isEqualTo(3100);
        assertThat(kits.get(0).isRemote()).isFalse();
        assertThat(Path.of(kits.get(0).location())).isAbsolute().exists();
    }

    @Test
    void recursiveFindsKitsInSubdirectories() throws Exception {
        Optional<VddkKit> newest = new DirectorySource(kits(), true).newest(KitFilter.any(), listener);
        assertThat(newest).get().extracting(k -> k.version().toString()).isEqualTo("9.0.0.0.24742305");
        assertThat(new DirectorySource(kits(), true).list(listener)).hasSize(6);
        assertThat(log).anyMatch(l -> l.contains("Found 6 VDDK kits") && l.contains("6 matching any version"));
    }

    @Test
    void filtersApply() throws Exception {
        DirectorySource src = new DirectorySource(kits(), true);
        assertThat(src.newest(KitFilter.of("8", null, null, null), listener)).get()
                .extracting(VddkKit::name).isEqualTo(kitName("8.0.3-23950269"));
        assertThat(src.newest(KitFilter.of(null, null, "9.0.0", null), listener)).isEmpty();
        assertThat(src.newest(KitFilter.of(null, null, null, "7\\.0"), listener)).get()
                .extracting(VddkKit::name).isEqualTo(kitName("7.0.3-20134304"));
    }

    @Test
    void readsPerKitChecksumFilesBeforeSha256Sums() throws Exception {
        Path dir = kits();
        String k803 = kitName("8.0.3-23950269");
        String k801 = kitName("8.0.1-21562716");
        String k703 = kitName("7.0.3-20134304");
        String real803 = TestKits.sha256(dir.resolve(k803));
        Files.writeString(dir.resolve(k803 + ".sha256"), real803 + "\n");
        Files.writeString(dir.resolve("SHA256SUMS"), "0".repeat(64) + "  " + k803 + "\n"
                + TestKits.sha256(dir.resolve(k801)) + "  " + k801 + "\n");
        Files.writeString(dir.resolve(k703 + ".sha256sum"), TestKits.sha256(dir.resolve(k703)) + " *" + k703 + "\n");
        DirectorySource src = new DirectorySource(dir, false);
        assertThat(src.newest(KitFilter.any(), listener)).get().extracting(VddkKit::sha256).isEqualTo(real803);
        assertThat(src.newest(KitFilter.of(null, null, null, "8\\.0\\.1"), listener)).get()
                .extracting(VddkKit::sha256).isEqualTo(TestKits.sha256(dir.resolve(k801)));
        assertThat(src.newest(KitFilter.of("7", null, null, null), listener)).get()
                .extracting(VddkKit::sha256).isEqualTo(TestKits.sha256(dir.resolve(k703)));
        assertThat(src.newest(KitFilter.of(null, null, null, "8\\.0\\.3-23950268"), listener)).get()
                .extracting(VddkKit::sha256).isNull();
    }

    @Test
    void downloadVerifiesTheChecksumAndRenamesIntoPlace() throws Exception {
        Path dir = kits();
        String name = kitName("8.0.3-23950269");
        Files.writeString(dir.resolve(name + ".sha256"), TestKits.sha256(dir.resolve(name)));
        DirectorySource src = new DirectorySource(dir, false);
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        Path target = Files.createDirectories(tmp.resolve("target"));
        DownloadResult r = KitDownloader.download(src, kit, target, listener);
        assertThat(r.verified()).isTrue();
        assertThat(r.reused()).isFalse();
        assertThat(r.size()).isEqualTo(3100);
        assertThat(Path.of(r.path())).isEqualTo(target.resolve(name)).hasSameBinaryContentAs(dir.resolve(name));
        assertThat(progress).isNotEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(3100, 3100);
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).containsExactly(target.resolve(name));
        }
        // a second download of an identical file is not repeated
        DownloadResult again = KitDownloader.download(src, kit, target, listener);
        assertThat(again.reused()).isTrue();
    }

    @Test
    void checksumMismatchFailsAndLeavesNothing() throws Exception {
        Path dir = kits();
        String name = kitName("8.0.3-23950269");
        Files.writeString(dir.resolve(name + ".sha256"), "f".repeat(64) + "  " + name);
        DirectorySource src = new DirectorySource(dir, false);
        VddkKit kit = src.newest(KitFilter.any(), listener).orElseThrow();
        Path target = Files.createDirectories(tmp.resolve("target"));
        assertThatThrownBy(() -> KitDownloader.download(src, kit, target, listener))
                .isInstanceOf(ChecksumMismatchException.class)
                .hasMessageContaining("expected " + "f".repeat(64))
                .hasMessageContaining("got " + TestKits.sha256(dir.resolve(name)));
        try (Stream<Path> files = Files.list(target)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void downloadByLocationToAFilePath() throws Exception {
        Path dir = kits();
        Path src = dir.resolve(kitName("8.0.1-21562716"));
        Path target = tmp.resolve("new/dir/kit.tar.gz");
        DownloadResult r = new KitDownloader(null, null).download(src.toString(), null, target, listener);
        assertThat(r.verified()).isFalse();
        assertThat(r.sha256()).isEqualTo(TestKits.sha256(src));
        assertThat(target).hasSameBinaryContentAs(src);
        assertThatThrownBy(() -> new KitDownloader(null, null).download(src.toString(), "abc", target, listener))
                .hasMessageContaining("64 hex digits");
    }

    @Test
    void missingDirectoryIsAClearError() {
        assertThatThrownBy(() -> new DirectorySource(tmp.resolve("nope"), false).list(listener))
                .isInstanceOf(NoSuchFileException.class).hasMessageContaining("the kit directory does not exist");
    }

    @Test
    void releaseCheckWithoutRepositoryAndWithoutKits() throws Exception {
        Path dir = kits();
        ReleaseChecker checker = new ReleaseChecker(null);
        ReleaseCheck found = checker.check(ReleaseRequest.of(SourceSpec.of(dir.toString())), listener);
        assertThat(found.status()).isEqualTo(ReleaseCheck.ImageStatus.NOT_CHECKED);
        assertThat(found.shouldBuild()).isTrue();
        assertThat(found.toMap()).containsEntry("version", "8.0.3-23950269").containsEntry("imageExists", null)
                .containsEntry("found", true).containsEntry("size", 3100L);

        ReleaseCheck none = checker.check(ReleaseRequest.of(SourceSpec.of(dir.toString()))
                .withFilter(KitFilter.of(null, "10", null, null)), listener);
        assertThat(none.status()).isEqualTo(ReleaseCheck.ImageStatus.NO_KIT);
        assertThat(none.shouldBuild()).isFalse();
        assertThat(none.toMap()).containsEntry("found", false).containsEntry("shouldBuild", false);

        assertThatThrownBy(() -> checker.check(ReleaseRequest.of(SourceSpec.of(tmp.resolve("gone").toString())), listener))
                .isInstanceOfSatisfying(DiscoveryException.class,
                        e -> assertThat(e.stage()).isEqualTo(DiscoveryException.Stage.SOURCE))
                .hasMessageContaining("cannot list VDDK kits in " + tmp.resolve("gone"));
    }

    @Test
    void sourceSpecValidation() {
        assertThat(SourceSpec.problem("ftp://x/y")).get().asString().contains("only http://, https://");
        assertThat(SourceSpec.problem("")).isPresent();
        assertThat(SourceSpec.problem("https://user:pw@h/kits/")).get().asString().doesNotContain("pw");
        assertThat(SourceSpec.problem("https://repo.example/vddk/")).isEmpty();
        assertThatThrownBy(() -> SourceSpec.of("/srv/kits").withAuth(SourceAuth.basic("u", io.forkliftvddk.core.spi.Secret.of("p"))))
                .hasMessageContaining("http(s) sources only");
        assertThat(ReleaseRequest.repository("127.0.0.1:5000/vddk").toString()).isEqualTo("127.0.0.1:5000/vddk:latest");
        assertThatThrownBy(() -> ReleaseRequest.repository("quay.io/org/vddk:8.0.1")).hasMessageContaining("must not have a tag");
    }
}
