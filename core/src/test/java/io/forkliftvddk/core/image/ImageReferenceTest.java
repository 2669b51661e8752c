package io.forkliftvddk.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageReferenceTest {

    private static final String SHA = "sha256:" + "a".repeat(64);

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io, library/busybox, latest, ''",
            "org/vddk:8.0.1, docker.io, org/vddk, 8.0.1, ''",
            "index.docker.io/org/vddk, docker.io, org/vddk, latest, ''",
            "localhost/vddk:1, localhost, vddk, 1, ''",
            "localhost:5000/a/b/vddk:v8, localhost:5000, a/b/vddk, v8, ''",
            "127.0.0.1:5443/vddk, 127.0.0.1:5443, vddk, latest, ''",
            "quay.io/org/vddk:8.0.1-21562716, quay.io, org/vddk, 8.0.1-21562716, ''",
            "registry.example.com/mtv/vddk_image__x-y.z:tag_1.2-3, registry.example.com, mtv/vddk_image__x-y.z, tag_1.2-3, ''",
    })
    void parsesAndNormalises(String text, String registry, String repository, String tag, String digest) {
        ImageReference ref = ImageReference.parse(text);
        assertThat(ref.registry()).isEqualTo(registry);
        assertThat(ref.repository()).isEqualTo(repository);
        assertThat(ref.tag()).isEqualTo(tag);
        assertThat(ref.digest()).isNull();
    }

    @Test
    void pinnedFormHasNoTag() {
        ImageReference ref = ImageReference.parse("quay.io/org/vddk@" + SHA);
        assertThat(ref.tag()).isNull();
        assertThat(ref.digest()).isEqualTo(SHA);
        assertThat(ref.hasDigest()).isTrue();
        assertThat(ref.apiReference()).isEqualTo(SHA);
        assertThat(ref).hasToString("quay.io/org/vddk@" + SHA);
    }

    @Test
    void tagAndDigestTogetherKeepBoth() {
        ImageReference ref = ImageReference.parse("quay.io/org/vddk:8@" + SHA);
        assertThat(ref.tag()).isEqualTo("8");
        assertThat(ref.apiReference()).isEqualTo(SHA);
        assertThat(ref).hasToString("quay.io/org/vddk:8@" + SHA);
    }

    @Test
    void pinsATaggedReference() {
        ImageReference ref = ImageReference.parse("127.0.0.1:5000/vddk:8.0.1").pinned(SHA);
        assertThat(ref).hasToString("127.0.0.1:5000/vddk@" + SHA);
        assertThatThrownBy(() -> ref.pinned("sha256:abc")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void familiarAndApiHostForDockerHub() {
        ImageReference ref = ImageReference.parse("busybox:1");
        assertThat(ref).hasToString("docker.io/library/busybox:1");
        assertThat(ref.familiar()).isEqualTo("busybox:1");
        assertThat(ref.apiHost()).isEqualTo("registry-1.docker.io");
        assertThat(ImageReference.parse("quay.io/a/b").familiar()).isEqualTo("quay.io/a/b:latest");
        assertThat(ImageReference.parse("quay.io/a/b").apiHost()).isEqualTo("quay.io");
    }

    @Test
    void withTagReplacesTagAndDropsDigest() {
        ImageReference ref = ImageReference.parse("quay.io/a/b:1@" + SHA).withTag("2");
        assertThat(ref).hasToString("quay.io/a/b:2");
        assertThatThrownBy(() -> ref.withTag("-bad")).hasMessageContaining("tag '-bad' is invalid");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "quay.io/Org/vddk|must be lower case",
            "quay.io/org/vddk:bad tag|contains a space",
            "'\"quay.io/org/vddk\"'|quote",
            "quay.io/org/vddk:-x|tag '-x' is invalid",
            "quay.io/org/vddk:a+b|tag 'a+b' is invalid",
            "quay.io/org/vddk@sha256:abc|64 lower-case hex",
            "quay.io/org/vddk@md5|not of the form algorithm:hex",
            "quay.io//vddk|empty component",
            "quay.io/org/vddk/|empty component",
            "https://quay.io/org/vddk|URL scheme",
            "quay.io/org/vd--dk_|may only hold",
            "quay.io:99999/vddk|out of range",
            "quay.io/|repository name is missing",
            ":tag|repository name is missing",
    })
    void rejectsInvalidReferencesClearly(String text, String why) {
        assertThatThrownBy(() -> ImageReference.parse(text))
                .isInstanceOf(InvalidImageReferenceException.class)
                .hasMessageContaining(why)
                .hasMessageContaining("expected [registry[:port]/]repository");
        assertThat(ImageReference.problem(text)).isPresent();
    }

    @Test
    void rejectsEmptyAndPaddedInput() {
        assertThatThrownBy(() -> ImageReference.parse("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageReference.parse(null)).hasMessageContaining("empty");
        assertThatThrownBy(() -> ImageReference.parse(" quay.io/a")).hasMessageContaining("leading or trailing spaces");
        assertThat(ImageReference.problem("quay.io/a/b:8")).isEmpty();
    }
}
