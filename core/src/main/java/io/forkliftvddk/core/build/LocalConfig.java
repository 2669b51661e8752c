package io.forkliftvddk.core.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a local image's config that the contract depends on, from {@code <runtime> image inspect --format
 * '{{json .Config}}'} (podman and docker print the same keys).
 */
record LocalConfig(List<String> entrypoint, List<String> cmd, String user) {

    static LocalConfig parse(String json) throws BuildException {
        JNode node;
        try {
            node = JNode.parse(json.strip().getBytes(StandardCharsets.UTF_8), "image config");
        } catch (IllegalArgumentException e) {
            throw new BuildException("cannot read the image config the runtime printed: " + e.getMessage(), e);
        }
        if (!node.isObject()) {
            throw new BuildException("the runtime printed no image config (got: " + json.strip() + ")");
        }
        JNode user = node.path("User");
        return new LocalConfig(strings(node.path("Entrypoint")), strings(node.path("Cmd")),
                user.isTextual() ? user.asText() : "");
    }

    private static List<String> strings(JNode n) {
        List<String> out = new ArrayList<>();
        if (n.isTextual()) {
            // a shell-form string some runtimes keep as is
            out.add("/bin/sh");
            out.add("-c");
            out.add(n.asText());
            return out;
        }
        if (n.isArray()) {
            n.forEach(e -> out.add(e.asText()));
        }
        return out;
    }
}
