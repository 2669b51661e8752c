package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.image.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An image configuration (OCI {@code config.v1+json}, same shape as Docker's {@code container.image.v1+json}) kept as
 * a JSON tree, so fields this class does not know survive a read-modify-write unchanged. Immutable: the {@code with*}
 * methods return changed copies; {@link #json()} returns a copy.
 */
public record ImageConfig(ObjectNode json) {

    public ImageConfig {
        json = Objects.requireNonNull(json, "json").deepCopy();
    }

    public static ImageConfig parse(byte[] bytes) {
        return new ImageConfig(Json.parseObject(bytes, "image config"));
    }

    @Override
    public ObjectNode json() {
        return json.deepCopy();
    }

    /** Compact JSON in the tree's field order: the same config always gives the same bytes and digest. */
    public byte[] toBytes() {
        return Json.bytes(json);
    }

    public String digest() {
        return Digests.sha256(toBytes());
    }

    public String os() {
        return text(json, "os");
    }

    public String architecture() {
        return text(json, "architecture");
    }

    public Platform platform() {
        return new Platform(Optional.ofNullable(os()).orElse("linux"), Optional.ofNullable(architecture()).orElse("amd64"),
                text(json, "variant"));
    }

    public String created() {
        return text(json, "created");
    }

    /** {@code config.User}, or null. */
    public String user() {
        return text(json.path("config"), "User");
    }

    public List<String> entrypoint() {
        return strings(json.path("config").get("Entrypoint"));
    }

    public List<String> cmd() {
        return strings(json.path("config").get("Cmd"));
    }

    public Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        JsonNode labels = json.path("config").get("Labels");
        if (labels != null && labels.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = labels.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** {@code rootfs.diff_ids}: the sha256 of each uncompressed layer, base first. */
    public List<String> diffIds() {
        return strings(json.path("rootfs").get("diff_ids"));
    }

    public ImageConfig withUser(String user) {
        ObjectNode copy = json.deepCopy();
        containerConfig(copy).put("User", user);
        return new ImageConfig(copy);
    }

    /** Sets the entrypoint and, as {@code ENTRYPOINT} in a Dockerfile does, drops an inherited {@code Cmd}. */
    public ImageConfig withEntrypoint(List<String> entrypoint) {
        ObjectNode copy = json.deepCopy();
        ObjectNode config = containerConfig(copy);
        ArrayNode array = config.putArray("Entrypoint");
        entrypoint.forEach(array::add);
        config.remove("Cmd");
        return new ImageConfig(copy);
    }

    /** Adds or replaces labels, keeping the existing ones. */
    public ImageConfig withLabels(Map<String, String> labels) {
        ObjectNode copy = json.deepCopy();
        ObjectNode config = containerConfig(copy);
        JsonNode existing = config.get("Labels");
        ObjectNode target = existing instanceof ObjectNode o ? o : config.putObject("Labels");
        labels.forEach(target::put);
        return new ImageConfig(copy);
    }

    public ImageConfig withCreated(String created) {
        ObjectNode copy = json.deepCopy();
        copy.put("created", created);
        return new ImageConfig(copy);
    }

    /** Appends a layer: its diff_id to {@code rootfs.diff_ids} and a history entry. */
    public ImageConfig withLayer(String diffId, String created, String createdBy, String comment) {
        ObjectNode copy = json.deepCopy();
        ObjectNode rootfs = copy.get("rootfs") instanceof ObjectNode r ? r : copy.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.get("diff_ids") instanceof ArrayNode a ? a : rootfs.putArray("diff_ids");
        ids.add(Digests.requireSha256(diffId));
        ArrayNode history = copy.get("history") instanceof ArrayNode h ? h : copy.putArray("history");
        ObjectNode entry = history.addObject();
        if (created != null) {
            entry.put("created", created);
        }
        if (createdBy != null) {
            entry.put("created_by", createdBy);
        }
        if (comment != null) {
            entry.put("comment", comment);
        }
        return new ImageConfig(copy);
    }

    private static ObjectNode containerConfig(ObjectNode root) {
        return root.get("config") instanceof ObjectNode c ? c : root.putObject("config");
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static List<String> strings(JsonNode array) {
        if (array == null || !array.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(n -> out.add(n.asText()));
        return Collections.unmodifiableList(out);
    }

    @Override
    public String toString() {
        return "ImageConfig[" + platform() + ", user=" + user() + ", entrypoint=" + entrypoint() + "]";
    }
}
