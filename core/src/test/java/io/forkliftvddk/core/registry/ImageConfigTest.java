package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageConfigTest {

    private static final String BASE = "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2024-01-01T00:00:00Z\","
            + "\"config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"Labels\":{\"a\":\"1\"},\"x-unknown\":{\"keep\":true}},"
            + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "a".repeat(64) + "\"]},"
            + "\"history\":[{\"created_by\":\"base\"}],\"moby.extra\":[1,2]}";

    @Test
    void editsKeepUnknownFieldsAndAreDeterministic() {
        ImageConfig base = ImageConfig.parse(BASE.getBytes(StandardCharsets.UTF_8));
        assertThat(base.platform().toString()).isEqualTo("linux/amd64");
        assertThat(base.cmd()).containsExactly("sh");
        ImageConfig changed = base.withUser("1001")
                .withEntrypoint(List.of("cp", "-r", "/vmware-vix-disklib-distrib", "/opt"))
                .withLabels(Map.of("b", "2"))
                .withLayer("sha256:" + "b".repeat(64), "2024-02-02T00:00:00Z", "forklift-vddk", null);
        assertThat(changed.user()).isEqualTo("1001");
        assertThat(changed.entrypoint()).containsExactly("cp", "-r", "/vmware-vix-disklib-distrib", "/opt");
        assertThat(changed.cmd()).isEmpty();
        assertThat(changed.labels()).containsExactly(Map.entry("a", "1"), Map.entry("b", "2"));
        assertThat(changed.diffIds()).hasSize(2).endsWith("sha256:" + "b".repeat(64));
        assertThat(changed.json().get("moby.extra").toString()).isEqualTo("[1,2]");
        assertThat(changed.json().path("config").get("x-unknown").toString()).isEqualTo("{\"keep\":true}");
        assertThat(changed.json().get("history")).hasSize(2);
        // the original is untouched, and the same edits give the same bytes
        assertThat(base.user()).isNull();
        ImageConfig again = ImageConfig.parse(BASE.getBytes(StandardCharsets.UTF_8)).withUser("1001")
                .withEntrypoint(List.of("cp", "-r", "/vmware-vix-disklib-distrib", "/opt"))
                .withLabels(Map.of("b", "2"))
                .withLayer("sha256:" + "b".repeat(64), "2024-02-02T00:00:00Z", "forklift-vddk", null);
        assertThat(again.toBytes()).isEqualTo(changed.toBytes());
        assertThat(again.digest()).isEqualTo(Digests.sha256(changed.toBytes()));
    }
}
