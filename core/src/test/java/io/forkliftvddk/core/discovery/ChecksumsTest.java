package io.forkliftvddk.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChecksumsTest {

    private static final String KIT = "VMware-vix-disklib-8.0.3-23950268.x86_64.tar.gz";
    private static final String A = "a".repeat(64);
    private static final String B = "B".repeat(64);

    @Test
    void readsSha256sumOutputInTextAndBinaryMode() {
        String sums = A + "  VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz\n" + B + " *./kits/" + KIT + "\r\n";
        assertThat(Checksums.find(sums, KIT, false)).contains("b".repeat(64));
        assertThat(Checksums.find(sums, "VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz", false)).contains(A);
        assertThat(Checksums.find(sums, "other.tar.gz", false)).isEmpty();
    }

    @Test
    void readsBsdTagFormat() {
        assertThat(Checksums.find("SHA256 (" + KIT + ") = " + A + "\n", KIT, false)).contains(A);
    }

    @Test
    void loneDigestOnlyCountsInAPerKitFile() {
        assertThat(Checksums.find(A + "\n", KIT, true)).contains(A);
        assertThat(Checksums.find(A + "\n", KIT, false)).isEmpty();
        assertThat(Checksums.find(A + "  another-file.tar.gz\n", KIT, true)).isEmpty();
        assertThat(Checksums.find("not a checksum", KIT, true)).isEmpty();
    }
}
