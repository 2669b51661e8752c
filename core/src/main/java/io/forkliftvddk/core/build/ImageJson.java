package io.forkliftvddk.core.build;

import io.forkliftvddk.core.image.BuildPlan;
import io.forkliftvddk.core.image.Platform;
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

    private ImageJson() {
    }

    /** A content descriptor. */
    record Blob(String mediaType, String digest, long size) {
        JNode toJson() {
            JNode n = JNode.object();
            n.put("mediaType", mediaType);
            n.put("digest", digest);
            n.put("size", size);
            return n;
        }

        static Blob of(String mediaType, byte[] bytes) {
            return new Blob(mediaType, sha256(bytes), bytes.length);
        }

        static Blob fromJson(JNode n) {
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
        JNode root = parseObject(baseConfig, "base image config");
        String created = plan.created().toString();
        root.put("created", created);
        JNode config = objectField(root, "config");
        config.put("User", plan.user());
        JNode ep = config.putArray("Entrypoint");
        for (String e : plan.entrypoint()) {
            ep.add(e);
        }
        config.remove("Cmd");
        JNode labels = objectField(config, "Labels");
        for (Map.Entry<String, String> e : plan.labels().entrySet()) {
            labels.put(e.getKey(), e.getValue());
        }
        JNode rootfs = objectField(root, "rootfs");
        rootfs.put("type", "layers");
        JNode ids = arrayField(rootfs, "diff_ids");
        JNode history = arrayField(root, "history");
        for (AddedLayer layer : added) {
            ids.add(layer.diffId());
            JNode h = history.addObject();
            h.put("created", created);
            h.put("created_by", layer.createdBy());
            h.put("comment", "forklift-vddk");
        }
        JNode h = history.addObject();
        h.put("created", created);
        h.put("created_by", plan.configHistory());
        h.put("comment", "forklift-vddk");
        h.put("empty_layer", true);
        return bytes(root);
    }

    /** An OCI manifest: the config, the base layers (Docker gzip types renamed to their OCI twins) and the new ones. */
    static byte[] manifest(Blob config, List<Blob> baseLayers, List<AddedLayer> added, String baseName, String baseDigest) {
        JNode root = JNode.object();
        root.put("schemaVersion", 2);
        root.put("mediaType", OCI_MANIFEST);
        root.set("config", config.toJson());
        JNode layers = root.putArray("layers");
        for (Blob b : baseLayers) {
            layers.add(ociLayer(b).toJson());
        }
        for (AddedLayer a : added) {
            layers.add(a.blob().toJson());
        }
        JNode ann = root.putObject("annotations");
        ann.put(ANNOTATION_BASE_DIGEST, baseDigest);
        ann.put(ANNOTATION_BASE_NAME, baseName);
        return bytes(root);
    }

    static Blob ociLayer(Blob b) {
        return DOCKER_LAYER_GZIP.equals(b.mediaType()) ? new Blob(OCI_LAYER_GZIP, b.digest(), b.size()) : b;
    }

    /** An OCI index over per-platform manifests. */
    static byte[] index(List<Blob> manifests, List<Platform> platforms) {
        JNode root = JNode.object();
        root.put("schemaVersion", 2);
        root.put("mediaType", OCI_INDEX);
        JNode list = root.putArray("manifests");
        for (int i = 0; i < manifests.size(); i++) {
            JNode d = manifests.get(i).toJson();
            Platform p = platforms.get(i);
            JNode pn = d.putObject("platform");
            pn.put("architecture", p.architecture());
            pn.put("os", p.os());
            if (p.variant() != null) {
                pn.put("variant", p.variant());
            }
            list.add(d);
        }
        return bytes(root);
    }

    static boolean isIndex(String mediaType, JNode json) {
        String mt = mediaType != null ? mediaType : json.path("mediaType").asText("");
        return mt.startsWith(OCI_INDEX) || mt.startsWith(DOCKER_MANIFEST_LIST) || (mt.isEmpty() && json.has("manifests"));
    }

    static List<Blob> layers(JNode manifest) {
        List<Blob> out = new ArrayList<>();
        for (JNode n : manifest.path("layers")) {
            out.add(Blob.fromJson(n));
        }
        return out;
    }

    static List<String> strings(JNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JNode n : array) {
                out.add(n.asText());
            }
        }
        return out;
    }

    static JNode parseObject(byte[] bytes, String what) {
        JNode n = JNode.parse(bytes, what);
        if (!n.isObject()) {
            throw new IllegalArgumentException(what + " is not a JSON object");
        }
        return n;
    }

    static JNode objectField(JNode parent, String field) {
        JNode n = parent.get(field);
        return n != null && n.isObject() ? n : parent.putObject(field);
    }

    static JNode arrayField(JNode parent, String field) {
        JNode n = parent.get(field);
        return n != null && n.isArray() ? n : parent.putArray(field);
    }

    static byte[] bytes(JNode node) {
        return node.bytes();
    }

    static String pretty(byte[] json) {
        try {
            return JNode.parse(json, "document").pretty();
        } catch (IllegalArgumentException e) {
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
