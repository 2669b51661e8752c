package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.image.Platform;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestTest {

    private static final String D1 = "sha256:" + "1".repeat(64);
    private static final String D2 = "sha256:" + "2".repeat(64);
    private static final String D3 = "sha256:" + "3".repeat(64);

    private static final String DOCKER_LIST = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST_LIST + "\","
            + "\"manifests\":["
            + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + D1 + "\",\"size\":500,"
            + "\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"}},"
            + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + D2 + "\",\"size\":501,"
            + "\"platform\":{\"architecture\":\"amd64\",\"os\":\"linux\"}},"
            + "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + D3 + "\",\"size\":502,"
            + "\"platform\":{\"architecture\":\"arm\",\"os\":\"linux\",\"variant\":\"v6\"}}]}";

    @Test
    void selectsPlatformsFromADockerManifestList() {
        Manifest index = Manifest.of(DOCKER_LIST.getBytes(StandardCharsets.UTF_8), null);
        assertThat(index.isIndex()).isTrue();
        assertThat(index.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST_LIST);
        assertThat(index.digest()).isEqualTo(Digests.sha256(DOCKER_LIST.getBytes(StandardCharsets.UTF_8)));
        assertThat(index.selectPlatform(Platform.parse("amd64")).orElseThrow().digest()).isEqualTo(D2);
        assertThat(index.selectPlatform(Platform.parse("linux/amd64")).orElseThrow().size()).isEqualTo(501);
        assertThat(index.selectPlatform("linux", "x86_64").orElseThrow().digest()).isEqualTo(D2);
        assertThat(index.selectPlatform(Platform.parse("arm64")).orElseThrow().digest()).isEqualTo(D1);
        assertThat(index.selectPlatform(Platform.parse("linux/arm64/v8")).orElseThrow().digest()).isEqualTo(D1);
        assertThat(index.selectPlatform(Platform.parse("linux/arm/v7"))).isEmpty();
        assertThat(index.selectPlatform(Platform.parse("s390x"))).isEmpty();
        assertThat(index.platforms()).extracting(Platform::toString).containsExactly("linux/arm64/v8", "linux/amd64", "linux/arm/v6");
        assertThatThrownBy(index::layers).isInstanceOf(IllegalStateException.class).hasMessageContaining("not an image manifest");
    }

    @Test
    void readsAnOciManifestKeepingItsBytes() {
        String json = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\","
                + "\"config\":{\"mediaType\":\"" + MediaTypes.OCI_CONFIG + "\",\"digest\":\"" + D1 + "\",\"size\":7},"
                + "\"layers\":[{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + D2 + "\",\"size\":100,"
                + "\"annotations\":{\"org.opencontainers.image.title\":\"kit\"}},"
                + "{\"mediaType\":\"" + MediaTypes.OCI_LAYER_GZIP + "\",\"digest\":\"" + D3 + "\",\"size\":200}]}";
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Manifest m = Manifest.of(bytes, MediaTypes.OCI_MANIFEST + "; charset=utf-8");
        assertThat(m.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
        assertThat(m.bytes()).isEqualTo(bytes);
        assertThat(m.config()).isEqualTo(new Descriptor(MediaTypes.OCI_CONFIG, D1, 7));
        assertThat(m.layers()).extracting(Descriptor::digest).containsExactly(D2, D3);
        assertThat(m.layers().get(0).annotations()).isEqualTo(Map.of("org.opencontainers.image.title", "kit"));
        assertThat(m.descriptor().size()).isEqualTo(bytes.length);
        assertThatThrownBy(m::manifests).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void descriptorsRoundTripInSpecOrder() {
        Descriptor d = new Descriptor(MediaTypes.OCI_MANIFEST, D1, 42, new Platform("linux", "arm64", "v8"),
                Map.of("a", "b"));
        String json = d.toJson().toString();
        assertThat(json).isEqualTo("{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + D1
                + "\",\"size\":42,\"platform\":{\"architecture\":\"arm64\",\"os\":\"linux\",\"variant\":\"v8\"},"
                + "\"annotations\":{\"a\":\"b\"}}");
        assertThat(Descriptor.fromJson(d.toJson())).isEqualTo(d);
        assertThatThrownBy(() -> Descriptor.fromJson(Json.parseObject("{\"digest\":\"x\"}".getBytes(), "d")))
                .hasMessageContaining("lacks mediaType");
    }

    @Test
    void mediaTypeFallsBackToTheJson() {
        String ociIndexWithoutType = "{\"schemaVersion\":2,\"manifests\":[]}";
        assertThat(Manifest.of(ociIndexWithoutType.getBytes(StandardCharsets.UTF_8), "application/json").isIndex()).isTrue();
        assertThat(MediaTypes.isImageManifest(MediaTypes.DOCKER_MANIFEST)).isTrue();
        assertThat(List.of(MediaTypes.MANIFEST_ACCEPT.split(", "))).contains(MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST);
    }
}
