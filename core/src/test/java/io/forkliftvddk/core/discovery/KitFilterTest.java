package io.forkliftvddk.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.archive.VddkVersion;
import org.junit.jupiter.api.Test;

class KitFilterTest {

    private static VddkKit kit(String version) {
        VddkVersion v = VddkVersion.parse(version);
        return new VddkKit(v.kitFileName(), v, "/kits/" + v.kitFileName(), -1, null);
    }

    @Test
    void newerThanWithoutBuildExcludesEveryBuildOfThatVersion() {
        KitFilter f = KitFilter.of(null, null, "8.0.1", null);
        assertThat(f.matches(kit("8.0.1-21562716"))).isFalse();
        assertThat(f.matches(kit("8.0.1-99999999"))).isFalse();
        assertThat(f.matches(kit("8.0.2-22388865"))).isTrue();
        assertThat(f.matches(kit("9.0.0.0.24742305"))).isTrue();
        assertThat(f.matches(kit("7.0.3-20134304"))).isFalse();
    }

    @Test
    void newerThanWithBuildUsesTheBuildAsTieBreaker() {
        KitFilter f = KitFilter.of(null, null, "8.0.1-21562716", null);
        assertThat(f.matches(kit("8.0.1-21562716"))).isFalse();
        assertThat(f.matches(kit("8.0.1-21562717"))).isTrue();
    }

    @Test
    void atLeastIncludesTheBoundAndTreats900And9000Alike() {
        KitFilter f = KitFilter.of(null, "9.0.0", null, null);
        assertThat(f.matches(kit("9.0.0.0.24742305"))).isTrue();
        assertThat(f.matches(kit("8.0.3-23950268"))).isFalse();
        assertThat(KitFilter.of(null, "8", null, null).matches(kit("8.0.0-20521017"))).isTrue();
        assertThat(KitFilter.of(null, "8", null, null).matches(kit("7.0.3-20134304"))).isFalse();
    }

    @Test
    void sameMajorAndNamePattern() {
        KitFilter f = KitFilter.of("8", null, null, "8\\.0\\.[23]");
        assertThat(f.matches(kit("8.0.3-23950268"))).isTrue();
        assertThat(f.matches(kit("8.0.1-21562716"))).isFalse();
        assertThat(f.matches(kit("9.0.0.0.24742305"))).isFalse();
        assertThat(f.describe()).isEqualTo("major 8, name matching /8\\.0\\.[23]/");
        assertThat(KitFilter.any().describe()).isEqualTo("any version");
    }

    @Test
    void stepFormStaysOnTheMajorOfNewerThan() {
        KitFilter f = KitFilter.newerThan("8.0.1", true, null);
        assertThat(f.sameMajor()).isEqualTo(8);
        assertThat(f.matches(kit("8.0.3-23950268"))).isTrue();
        assertThat(f.matches(kit("9.0.0.0.24742305"))).isFalse();
        assertThat(KitFilter.newerThan("8.0.1", false, null).matches(kit("9.0.0.0.24742305"))).isTrue();
        assertThat(KitFilter.newerThan(null, false, "").describe()).isEqualTo("any version");
        assertThatThrownBy(() -> KitFilter.newerThan(" ", true, null)).hasMessageContaining("same major needs newer than");
    }

    @Test
    void badInputNamesTheFieldAndTheFix() {
        assertThatThrownBy(() -> KitFilter.of("eight", null, null, null)).hasMessageContaining("same major")
                .hasMessageContaining("for example 8");
        assertThatThrownBy(() -> KitFilter.of(null, null, "8.x", null)).hasMessageStartingWith("newer than: invalid VDDK version '8.x'");
        assertThatThrownBy(() -> KitFilter.of(null, null, null, "8.0.(")).hasMessageContaining("invalid name pattern '8.0.('");
        assertThat(KitFilter.patternProblem("[")).isPresent();
        assertThat(KitFilter.patternProblem("8\\.0")).isEmpty();
    }
}
