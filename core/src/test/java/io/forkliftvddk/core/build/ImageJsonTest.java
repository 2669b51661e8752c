package io.forkliftvddk.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.forkliftvddk.core.image.BuildPlan;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.Platform;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageJsonTest {

    private static final String SHA = "ab".repeat(32);
    private static final byte[] BASE_CONFIG = ("{\"architecture\":\"amd64\",\"config\":{\"Env\":[\"PATH=/bin\"],"
            + "\"Cmd\":[\"sh\"],\"Labels\":{\"vendor\":\"x\"}},\"created\":\"2024-01-01T00:00:00Z\",\"os\":\"linux\","
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "11".repeat(32) + "\"]},"
            + "\"history\":[{\"created\":\"2024-01-01T00:00:00Z\",\"created_by\":\"ADD rootfs\"}],\"x-unknown\":1.50e3}")
            .getBytes(StandardCharsets.UTF_8);

    private static BuildPlan plan(boolean compat) {
        return BuildPlan.of(ImageReference.parse("127.0.0.1:5000/base/busybox:latest"),
                List.of(ImageReference.parse("127.0.0.1:5000/vddk:8.0.1")), List.of(Platform.LINUX_AMD64), SHA,
                "8.0.1-21562716", Instant.parse("2023-04-18T00:00:00Z"), compat, false);
    }

    private static List<ImageJson.AddedLayer> kitLayer() {
        return List.of(new ImageJson.AddedLayer(new ImageJson.Blob(ImageJson.OCI_LAYER_GZIP, "sha256:" + SHA, 1234),
                "sha256:" + "cd".repeat(32), plan(false).kitHistory()));
    }

    @Test
    void configDerivesFromTheBaseAndThePlanOnly() {
        byte[] config = ImageJson.config(BASE_CONFIG, plan(false), kitLayer());
        assertThat(ImageJson.config(BASE_CONFIG, plan(false), kitLayer())).isEqualTo(config);
        JNode c = JNode.parse(config, "config");
        assertThat(c.path("config").path("User").asText()).isEqualTo("1001");
        assertThat(ImageJson.strings(c.path("config").get("Entrypoint"))).containsExactly("cp", "-r", "/vmware-vix-disklib-distrib", "/opt");
        assertThat(c.path("config").has("Cmd")).isFalse();
        assertThat(c.path("config").path("Env").path(0).asText()).isEqualTo("PATH=/bin");
        assertThat(c.path("config").path("Labels").path("vendor").asText()).isEqualTo("x");
        assertThat(c.path("config").path("Labels").path("io.forkliftvddk.kit.sha256").asText()).isEqualTo(SHA);
        assertThat(c.path("created").asText()).isEqualTo("2023-04-18T00:00:00Z");
        assertThat(ImageJson.strings(c.path("rootfs").get("diff_ids"))).containsExactly("sha256:" + "11".repeat(32), "sha256:" + "cd".repeat(32));
        assertThat(c.path("history").size()).isEqualTo(3);
        assertThat(c.path("history").path(2).path("empty_layer").asText()).isEqualTo("true");
        // unknown fields survive byte for byte, numbers keep their text
        assertThat(new String(config, StandardCharsets.UTF_8)).contains("\"x-unknown\":1.50e3").doesNotContain("\": ").doesNotContain("\n");
    }

    @Test
    void manifestIsOciWithBaseLayersRenamedAndAnnotated() {
        byte[] config = ImageJson.config(BASE_CONFIG, plan(false), kitLayer());
        byte[] manifest = ImageJson.manifest(ImageJson.Blob.of(ImageJson.OCI_CONFIG, config),
                List.of(new ImageJson.Blob(ImageJson.DOCKER_LAYER_GZIP, "sha256:" + "ee".repeat(32), 99)), kitLayer(),
                "127.0.0.1:5000/base/busybox:latest", "sha256:" + "ff".repeat(32));
        String expected = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + ImageJson.sha256(config)
                + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"sha256:" + "ee".repeat(32) + "\",\"size\":99},{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar+gzip\","
                + "\"digest\":\"sha256:" + SHA + "\",\"size\":1234}],\"annotations\":{\"org.opencontainers.image.base.digest\":\"sha256:"
                + "ff".repeat(32) + "\",\"org.opencontainers.image.base.name\":\"127.0.0.1:5000/base/busybox:latest\"}}";
        assertThat(new String(manifest, StandardCharsets.UTF_8)).isEqualTo(expected);
    }

    @Test
    void indexListsPlatforms() {
        byte[] index = ImageJson.index(List.of(new ImageJson.Blob(ImageJson.OCI_MANIFEST, "sha256:" + "01".repeat(32), 5),
                new ImageJson.Blob(ImageJson.OCI_MANIFEST, "sha256:" + "02".repeat(32), 6)),
                List.of(Platform.LINUX_AMD64, Platform.parse("linux/arm64/v8")));
        JNode n = JNode.parse(index, "index");
        assertThat(n.path("mediaType").asText()).isEqualTo(ImageJson.OCI_INDEX);
        assertThat(n.path("manifests").path(1).path("platform").path("variant").asText()).isEqualTo("v8");
        assertThat(ImageJson.isIndex(null, n)).isTrue();
    }

    @Test
    void compatLayerIsByteStable() {
        CompatLayer.Bytes a = CompatLayer.generate(Instant.parse("2023-04-18T00:00:00Z"));
        CompatLayer.Bytes b = CompatLayer.generate(Instant.parse("2023-04-18T00:00:00Z"));
        assertThat(a.gzip()).isEqualTo(b.gzip());
        assertThat(a.diffId()).isEqualTo(ImageJson.sha256(a.tar()));
        KitTree tree = new KitTree();
        try {
            tree.addLowerLayer(new java.io.ByteArrayInputStream(a.gzip()));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(tree.entry("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8").orElseThrow().link()).isEqualTo("libvixDiskLib.so.9");
    }

    @Test
    void jsonRoundTripsAndRejectsGarbage() {
        String text = "{\"a\":[1,-2.5e-3,true,false,null,\"x\\\"\\u00e9\\n\"],\"b\":{}}";
        JNode n = JNode.parse(text.getBytes(StandardCharsets.UTF_8), "doc");
        assertThat(n.toString()).isEqualTo("{\"a\":[1,-2.5e-3,true,false,null,\"x\\\"é\\n\"],\"b\":{}}");
        assertThat(n.pretty()).contains("\n  \"a\": [");
        assertThatThrownBy(() -> JNode.parse("{\"a\":}".getBytes(StandardCharsets.UTF_8), "doc"))
                .hasMessageContaining("doc is not valid JSON");
        assertThatThrownBy(() -> JNode.parse("{} x".getBytes(StandardCharsets.UTF_8), "doc")).hasMessageContaining("trailing");
        assertThatThrownBy(() -> ImageJson.parseObject("[1]".getBytes(StandardCharsets.UTF_8), "doc")).hasMessageContaining("not a JSON object");
    }

    @Test
    void jsonNumbersAsTheRegexTheParserUsedBefore() {
        java.util.regex.Pattern number = java.util.regex.Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
        java.util.Random r = new java.util.Random(5);
        int accepted = 0;
        for (int i = 0; i < 200_000; i++) {
            StringBuilder sb = new StringBuilder();
            int len = r.nextInt(9);
            for (int k = 0; k < len; k++) {
                sb.append("0123456789.eE+-".charAt(r.nextInt(15)));
            }
            String s = sb.toString();
            boolean expected = number.matcher(s).matches();
            assertThat(JNode.Parser.isJsonNumber(s)).as(s).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isBetween(100, 199_900);
    }
}
