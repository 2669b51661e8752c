package io.forkliftvddk.core.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class VddkVersionTest {

    @Test
    void parsesEveryFileNameGeneration() {
        assertThat(VddkVersion.fromFileName("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz")).get()
                .satisfies(v -> {
                    assertThat(v.numbers()).containsExactly(8, 0, 1);
                    assertThat(v.build()).isEqualTo(21562716L);
                    assertThat(v).hasToString("8.0.1-21562716");
                    assertThat(v.kitFileName()).isEqualTo("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz");
                });
        assertThat(VddkVersion.fromFileName("VMware-vix-disklib-9.0.0.0.24742305.x86_64.tar.gz")).get()
                .hasToString("9.0.0.0.24742305");
        assertThat(VddkVersion.fromFileName("VMware-vix-disklib-6.0.0-2498720.x86_64.tar.gz")).get()
                .extracting(VddkVersion::major).isEqualTo(6);
        assertThat(VddkVersion.fromFileName("VMware-vix-disklib-distrib-8.0.1.tar.gz")).isEmpty();
        assertThat(VddkVersion.fromFileName("vddk.tar.gz")).isEmpty();
    }

    @Test
    void ordersNumericallyWithBuildAsTieBreaker() {
        List<VddkVersion> sorted = List.of("8.0.10-1000000", "8.0.3-23950268", "9.0.0.0.24742305", "8.0.3-23950269",
                        "7.0.3-20134304", "8.0.3").stream().map(VddkVersion::parse).sorted().toList();
        assertThat(sorted).extracting(VddkVersion::toString).containsExactly(
                "7.0.3-20134304", "8.0.3", "8.0.3-23950268", "8.0.3-23950269", "8.0.10-1000000", "9.0.0.0.24742305");
    }

    @Test
    void libraryVersionMatchesFileNameIgnoringBuildAndTrailingZeros() {
        VddkVersion lib = VddkVersion.fromLibrarySuffix("9.0.0").orElseThrow();
        assertThat(lib.sameNumbers(VddkVersion.parse("9.0.0.0.24742305"))).isTrue();
        assertThat(lib.sameNumbers(VddkVersion.parse("9.0.1.0"))).isFalse();
        assertThat(VddkVersion.fromLibrarySuffix("8")).isEmpty();
    }

    @Test
    void rejectsGarbageNamingTheForms() {
        assertThatThrownBy(() -> VddkVersion.parse("eight")).hasMessageContaining("expected X.Y.Z");
        assertThat(VddkVersion.parse("8")).satisfies(v -> assertThat(v.major()).isEqualTo(8));
    }
}
