package io.forkliftvddk.core.registry;

import io.forkliftvddk.core.image.Platform;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.Serializable;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An OCI content descriptor: what a manifest says about a config, a layer, or (in an index) a manifest.
 *
 * @param platform    only in index entries, else null
 * @param annotations never null, insertion-ordered
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform,
                         Map<String, String> annotations) implements Serializable {

    public Descriptor {
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(digest, "digest");
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(annotations));
    }

    public Descriptor(String mediaType, String digest, long size) {
        this(mediaType, digest, size, null, Map.of());
    }

    /** Reads a descriptor object; missing required fields give an {@link IllegalArgumentException}. */
    public static Descriptor fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("descriptor is not a JSON object");
        }
        JsonNode mediaType = node.get("mediaType");
        JsonNode digest = node.get("digest");
        JsonNode size = node.get("size");
        if (mediaType == null || !mediaType.isTextual() || digest == null || !digest.isTextual()
                || size == null || !size.canConvertToLong()) {
            throw new IllegalArgumentException("descriptor lacks mediaType, digest or size: " + node);
        }
        Platform platform = null;
        JsonNode p = node.get("platform");
        if (p != null && p.isObject() && p.hasNonNull("os") && p.hasNonNull("architecture")) {
            platform = new Platform(p.get("os").asText(), p.get("architecture").asText(),
                    p.hasNonNull("variant") ? p.get("variant").asText() : null);
        }
        Map<String, String> annotations = new LinkedHashMap<>();
        JsonNode a = node.get("annotations");
        if (a != null && a.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                annotations.put(e.getKey(), e.getValue().asText());
            }
        }
        return new Descriptor(mediaType.asText(), digest.asText(), size.asLong(), platform, annotations);
    }

    /** The JSON form in the field order of the OCI spec examples (deterministic, for reproducible manifests). */
    public ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("mediaType", mediaType);
        node.put("digest", digest);
        node.put("size", size);
        if (platform != null) {
            ObjectNode p = node.putObject("platform");
            p.put("architecture", platform.architecture());
            p.put("os", platform.os());
            if (platform.variant() != null) {
                p.put("variant", platform.variant());
            }
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = node.putObject("annotations");
            annotations.forEach(a::put);
        }
        return node;
    }

    public Descriptor withPlatform(Platform newPlatform) {
        return new Descriptor(mediaType, digest, size, newPlatform, annotations);
    }

    public Descriptor withAnnotations(Map<String, String> newAnnotations) {
        return new Descriptor(mediaType, digest, size, platform, newAnnotations);
    }
}
