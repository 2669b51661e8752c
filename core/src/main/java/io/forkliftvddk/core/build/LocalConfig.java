package io.forkliftvddk.core.build;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts of a local image's config that the contract depends on, from {@code <runtime> image inspect --format
 * '{{json .Config}}'} (podman and docker print the same keys).
 */
record LocalConfig(List<String> entrypoint, List<String> cmd, String user) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static LocalConfig parse(String json) throws BuildException {
        JsonNode node;
        try {
            node = JSON.readTree(json.strip());
        } catch (java.io.IOException e) {
            throw new BuildException("cannot read the image config the runtime printed: " + e.getMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new BuildException("the runtime printed no image config (got: " + json.strip() + ")");
        }
        JsonNode user = node.get("User");
        return new LocalConfig(strings(node.get("Entrypoint")), strings(node.get("Cmd")),
                user == null || user.isNull() ? "" : user.asText());
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        if (n.isTextual()) {
            // a shell-form string some runtimes keep as is
            out.add("/bin/sh");
            out.add("-c");
            out.add(n.asText());
            return out;
        }
        n.forEach(e -> out.add(e.asText()));
        return out;
    }
}
