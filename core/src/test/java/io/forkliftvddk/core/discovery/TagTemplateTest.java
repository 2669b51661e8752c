package io.forkliftvddk.core.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.archive.VddkVersion;
import org.junit.jupiter.api.Test;

class TagTemplateTest {

    @Test
    void expandsEveryPlaceholderForEveryGeneration() {
        VddkVersion v8 = VddkVersion.parse("8.0.3-23950268");
        VddkVersion v9 = VddkVersion.parse("9.0.0.0.24742305");
        assertThat(TagTemplate.defaultTemplate().tagFor(v8)).isEqualTo("8.0.3");
        assertThat(TagTemplate.of(null).tagFor(v9)).isEqualTo("9.0.0.0");
        assertThat(TagTemplate.of("{version}-{build}").tagFor(v8)).isEqualTo("8.0.3-23950268");
        assertThat(TagTemplate.of("vddk{major}_{build}").tagFor(v9)).isEqualTo("vddk9_24742305");
        assertThat(TagTemplate.of("  ").template()).isEqualTo("{version}");
    }

    @Test
    void rejectsUnknownPlaceholdersBadCharactersAndOverlongTags() {
        assertThatThrownBy(() -> TagTemplate.of("{ver}")).hasMessageContaining("unknown placeholder {ver}");
        assertThatThrownBy(() -> TagTemplate.of("{version")).hasMessageContaining("unmatched");
        assertThatThrownBy(() -> TagTemplate.of("v:{version}")).hasMessageContaining("may only hold");
        assertThatThrownBy(() -> TagTemplate.of("-{version}")).hasMessageContaining("must not start with '.' or '-'");
        assertThatThrownBy(() -> TagTemplate.of("x".repeat(120) + "{version}")).hasMessageContaining("longer than 128");
        assertThat(TagTemplate.problem("{version}-{build}")).isEmpty();
        assertThat(TagTemplate.problem("a b")).get().asString().contains("invalid tag template 'a b'");
    }

    @Test
    void buildPlaceholderNeedsABuildNumber() {
        assertThatThrownBy(() -> TagTemplate.of("{version}-{build}").tagFor(VddkVersion.parse("8.0.3")))
                .hasMessageContaining("has no build number");
    }
}
