package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.forkliftvddk.core.testkit.VddkKits;
import io.forkliftvddk.core.testkit.VddkKits.Variant;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    private static String sha256(InputStream in) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] b = new byte[1 << 16];
        int n;
        while ((n = in.read(b)) > 0) {
            md.update(b, 0, n);
        }
        return HexFormat.of().formatHex(md.digest());
    }

    @Test
    void textReportForAValidKit() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).writeTo(dir);
        Run r = run("inspect", kit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        String sha = sha256(Files.newInputStream(kit));
        String diff = sha256(new GZIPInputStream(Files.newInputStream(kit)));
        assertThat(r.out()).contains("Valid VDDK kit: VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz",
                "Version:      8.0.1-21562716 (file name: 8.0.1-21562716, lib64: 8.0.1)",
                "Library:      vmware-vix-disklib-distrib/lib64/libvixDiskLib.so -> libvixDiskLib.so.8 -> libvixDiskLib.so.8.0.1",
                "sha256:       " + sha, "diff_id:      sha256:" + diff, "Image layer:  usable as it is");
        assertThat(r.out()).doesNotContain("Warnings");
    }

    @Test
    void jsonReportHasStableFields() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V9_0).writeTo(dir);
        Run r = run("inspect", "-o", "json", kit.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("file").asText()).isEqualTo("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz");
        assertThat(j.get("valid").asBoolean()).isTrue();
        assertThat(j.get("version").asText()).isEqualTo("9.0.0.0.24742305");
        assertThat(j.get("versionFromLibrary").asText()).isEqualTo("9.0.0.0");
        assertThat(j.get("library").asText()).isEqualTo("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.9.0.0.0");
        assertThat(j.get("libraryChain")).hasSize(3);
        assertThat(j.get("sha256").asText()).isEqualTo(sha256(Files.newInputStream(kit)));
        assertThat(j.get("compressedDigest").asText()).isEqualTo("sha256:" + sha256(Files.newInputStream(kit)));
        assertThat(j.get("diffId").asText()).isEqualTo("sha256:" + sha256(new GZIPInputStream(Files.newInputStream(kit))));
        assertThat(j.get("compressedSize").asLong()).isEqualTo(Files.size(kit));
        assertThat(j.get("entries").get("symlinks").asInt()).isEqualTo(VddkKits.kit(VddkKits.V9_0).entries().stream()
                .filter(e -> e.type() == io.forkliftvddk.core.testkit.KitSpec.KitEntry.Type.SYMLINK).count());
        assertThat(j.get("newestEntryTime").asText()).isEqualTo("2023-04-18T00:00:00Z");
        assertThat(j.get("usableAsLayer").asBoolean()).isTrue();
        assertThat(j.get("hasSo8Link").asBoolean()).isFalse();
        assertThat(j.get("vddk9CompatPossible").asBoolean()).isTrue();
        assertThat(j.get("warnings")).hasSize(1);
        assertThat(j.fieldNames()).toIterable().containsExactly("file", "valid", "version", "versionFromFileName",
                "versionFromLibrary", "kitDirectory", "library", "libraryChain", "sha256", "compressedDigest",
                "compressedSize", "diffId", "uncompressedSize", "entries", "contentBytes", "newestEntryTime", "usableAsLayer",
                "repackReasons", "hasSo8Link", "vddk9CompatPossible", "warnings");
    }

    @Test
    void rejectedKitExitsOneWithTheReasonOnStderr() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.SYMLINK_ESCAPE).writeTo(dir);
        Run r = run("inspect", kit.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("Error: VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz: entry"
                + " 'vmware-vix-disklib-distrib/lib64/libevil.so': symbolic link to '../../../etc/passwd' points outside");

        Run j = run("inspect", "-o", "json", kit.toString());
        assertThat(j.code()).isEqualTo(1);
        JsonNode n = new ObjectMapper().readTree(j.out());
        assertThat(n.get("valid").asBoolean()).isFalse();
        assertThat(n.get("problem").asText()).isEqualTo("SYMLINK_ESCAPE");
        assertThat(n.get("entry").asText()).isEqualTo("vmware-vix-disklib-distrib/lib64/libevil.so");
        assertThat(j.err()).contains("Error: ");
    }

    @Test
    void expectedChecksum() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V8_0_3).writeTo(dir);
        String sha = sha256(Files.newInputStream(kit));
        assertThat(run("inspect", "--expected-sha256", sha, kit.toString()).code()).isZero();
        assertThat(run("inspect", "--expect-sha256", sha.toUpperCase(), kit.toString()).code()).isZero();

        Run wrong = run("inspect", "--expected-sha256", "f".repeat(64), kit.toString());
        assertThat(wrong.code()).isEqualTo(1);
        assertThat(wrong.err()).contains("sha256 is " + sha + " but " + "f".repeat(64) + " was expected");

        Run bad = run("inspect", "--expected-sha256", "xyz", kit.toString());
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("64 hexadecimal digits");
    }

    @Test
    void warningsAndRepackReasonsAreShown() throws Exception {
        Path kit = VddkKits.kit(VddkKits.V8_0_1).variant(Variant.UNREADABLE_MODES).fileName("kit.tar.gz").writeTo(dir);
        Run r = run("inspect", kit.toString());
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Version:      8.0.1 (file name: not VMware's naming, lib64: 8.0.1)",
                "Image layer:  must be repacked:", "not readable by other users", "Warnings:", "does not follow");
        assertThat(r.err()).contains("WARNING: kit.tar.gz: the file name 'kit.tar.gz' does not follow");

        Run named = run("inspect", "--file-name", "VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz", kit.toString());
        assertThat(named.out()).contains("Version:      8.0.1-21562716");
    }

    @Test
    void usageErrorsExitTwoAndMissingFilesOne() {
        assertThat(run("inspect").code()).isEqualTo(2);
        assertThat(run("inspect", "-o", "yaml", "x.tar.gz").code()).isEqualTo(2);
        Run missing = run("inspect", dir.resolve("nope.tar.gz").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).contains("nope.tar.gz: no such file");
        assertThat(run("inspect", dir.toString()).err()).contains("is not a regular file");
    }

    @Test
    void helpListsInspect() {
        assertThat(run("--help").out()).contains("inspect");
        assertThat(run("inspect", "--help").out()).contains("--expected-sha256", "-o", "Exit codes");
    }
}
