package io.forkliftvddk.core.build;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.forkliftvddk.core.image.BuildPlan;
import io.forkliftvddk.core.image.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The JSON documents of a built-in build: image config, OCI manifest and OCI index. Compact, in a fixed field order,
 * from nothing but the base image's documents, the plan and the layer digests, so the same inputs always give the
 * same bytes (and digests).
 */
final class ImageJson {

    static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";
    static final String OCI_LAYER_GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    static final String DOCKER_LAYER_GZIP = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    static final String DOCKER_LAYER_FOREIGN = "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip";
    static final String ANNOTATION_BASE_NAME = "org.opencontainers.image.base.name";
    static final String ANNOTATION_BASE_DIGEST = "org.opencontainers.image.base.digest";

    static final ObjectMapper MAPPER = new ObjectMapper();

    private ImageJson() {
    }

    /** A content descriptor. */
    record Blob(String mediaType, String digest, long size) {
        ObjectNode toJson() {
            ObjectNode n = JsonNodeFactory.instance.objectNode();
            n.put("mediaType", mediaType);
            n.put("digest", digest);
            n.put("size", size);
            return n;
        }

        static Blob of(String mediaType, byte[] bytes) {
            return new Blob(mediaType, sha256(bytes), bytes.length);
        }

        static Blob fromJson(JsonNode n) {
            if (n == null || !n.path("digest").isTextual() || !n.path("size").canConvertToLong()) {
                throw new IllegalArgumentException("descriptor lacks digest or size: " + n);
            }
            return new Blob(n.path("mediaType").asText(OCI_LAYER_GZIP), n.get("digest").asText(), n.get("size").asLong());
        }
    }

    /** A layer added on top of the base: its blob, its diff_id and its history line. */
    record AddedLayer(Blob blob, String diffId, String createdBy) { }

    /**
     * The config of the new image: the base's config with user, entrypoint (no Cmd), labels, created, the new layers'
     * diff_ids and history. Fields we do not know are kept as the base had them.
     */
    static byte[] config(byte[] baseConfig, BuildPlan plan, List<AddedLayer> added) {
        ObjectNode root = parseObject(baseConfig, "base image config");
        String created = plan.created().toString();
        root.put("created", created);
        ObjectNode config = root.get("config") instanceof ObjectNode c ? c : root.putObject("config");
        config.put("User", plan.user());
        ArrayNode ep = config.putArray("Entrypoint");
        plan.entrypoint().forEach(ep::add);
        config.remove("Cmd");
        ObjectNode labels = config.get("Labels") instanceof ObjectNode l ? l : config.putObject("Labels");
        for (Map.Entry<String, String> e : plan.labels().entrySet()) {
            labels.put(e.getKey(), e.getValue());
        }
        ObjectNode rootfs = root.get("rootfs") instanceof ObjectNode r ? r : root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode ids = rootfs.get("diff_ids") instanceof ArrayNode a ? a : rootfs.putArray("diff_ids");
        ArrayNode history = root.get("history") instanceof ArrayNode h ? h : root.putArray("history");
        for (AddedLayer layer : added) {
            ids.add(layer.diffId());
            ObjectNode h = history.addObject();
            h.put("created", created);
            h.put("created_by", layer.createdBy());
            h.put("comment", "forklift-vddk");
        }
        ObjectNode h = history.addObject();
        h.put("created", created);
        h.put("created_by", plan.configHistory());
        h.put("comment", "forklift-vddk");
        h.put("empty_layer", true);
        return bytes(root);
    }

    /** An OCI manifest: the config, the base layers (Docker gzip types renamed to their OCI twins) and the new ones. */
    static byte[] manifest(Blob config, List<Blob> baseLayers, List<AddedLayer> added, String baseName, String baseDigest) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", OCI_MANIFEST);
        root.set("config", config.toJson());
        ArrayNode layers = root.putArray("layers");
        for (Blob b : baseLayers) {
            layers.add(ociLayer(b).toJson());
        }
        for (AddedLayer a : added) {
            layers.add(a.blob().toJson());
        }
        ObjectNode ann = root.putObject("annotations");
        ann.put(ANNOTATION_BASE_DIGEST, baseDigest);
        ann.put(ANNOTATION_BASE_NAME, baseName);
        return bytes(root);
    }

    static Blob ociLayer(Blob b) {
        return DOCKER_LAYER_GZIP.equals(b.mediaType()) ? new Blob(OCI_LAYER_GZIP, b.digest(), b.size()) : b;
    }

    /** An OCI index over per-platform manifests. */
    static byte[] index(List<Blob> manifests, List<Platform> platforms) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("schemaVersion", 2);
        root.put("mediaType", OCI_INDEX);
        ArrayNode list = root.putArray("manifests");
        for (int i = 0; i < manifests.size(); i++) {
            ObjectNode d = manifests.get(i).toJson();
            Platform p = platforms.get(i);
            ObjectNode pn = d.putObject("platform");
            pn.put("architecture", p.architecture());
            pn.put("os", p.os());
            if (p.variant() != null) {
                pn.put("variant", p.variant());
            }
            list.add(d);
        }
        return bytes(root);
    }

    static boolean isIndex(String mediaType, JsonNode json) {
        String mt = mediaType != null ? mediaType : json.path("mediaType").asText("");
        return mt.startsWith(OCI_INDEX) || mt.startsWith(DOCKER_MANIFEST_LIST) || (mt.isEmpty() && json.has("manifests"));
    }

    static List<Blob> layers(JsonNode manifest) {
        List<Blob> out = new ArrayList<>();
        for (JsonNode n : manifest.path("layers")) {
            out.add(Blob.fromJson(n));
        }
        return out;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    static ObjectNode parseObject(byte[] bytes, String what) {
        try {
            JsonNode n = MAPPER.readTree(bytes);
            if (n == null || !n.isObject()) {
                throw new IllegalArgumentException(what + " is not a JSON object");
            }
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pretty(byte[] json) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(json));
        } catch (IOException e) {
            return new String(json, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
