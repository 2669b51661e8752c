package io.forkliftvddk.core.steps;

import java.util.LinkedHashMap;
import java.util.List;

/**
 * The values Pipeline steps return: {@code LinkedHashMap<String,Object>} of Strings and Booleans only (Booleans for
 * flags, so {@code if (r.unchanged)} means what it says; an absent text is {@code ""}), Serializable for CPS and
 * readable in the sandbox ({@code r.image} is {@code Map.get}). Never a secret.
 */
public final class ResultMaps {

    // buildVddkImage
    public static final String IMAGE = "image";
    public static final String DIGEST = "digest";
    public static final String IMAGE_DIGEST_REF = "imageDigestRef";
    public static final String PREVIOUS_DIGEST = "previousDigest";
    public static final String VDDK_VERSION = "vddkVersion";
    public static final String UNCHANGED = "unchanged";
    public static final String BUILDER = "builder";
    public static final String TAGS = "tags";
    public static final String CONTROLLER_CONFIGURED = "controllerConfigured";

    // findVddkArchive
    public static final String VERSION = "version";
    public static final String NAME = "name";
    public static final String LOCATION = "location";
    public static final String SHA256 = "sha256";
    public static final String IMAGE_EXISTS = "imageExists";
    public static final String TAG = "tag";

    // createVsphereProvider
    public static final String PROVIDER = "provider";
    public static final String NAMESPACE = "namespace";
    public static final String SECRET = "secret";
    public static final String ACTION = "action";
    public static final String PHASE = "phase";
    public static final String WARNINGS = "warnings";

    // configureForklift
    public static final String CONTROLLER = "controller";
    public static final String CHANGED = "changed";
    public static final String OVERRIDING_PROVIDERS = "overridingProviders";
    public static final String PREVIOUS_PREFIX = "previous.";
    public static final String DRY_RUN = "dryRun";
    public static final String RENDERED = "rendered";

    private ResultMaps() {
    }

    /** The {@code buildVddkImage} map. */
    public static LinkedHashMap<String, Object> build(String image, List<String> tags, String digest, String imageDigestRef,
                                                      String previousDigest, String vddkVersion, boolean unchanged,
                                                      String builder) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put(IMAGE, text(image));
        m.put(DIGEST, text(digest));
        m.put(IMAGE_DIGEST_REF, text(imageDigestRef));
        m.put(PREVIOUS_DIGEST, text(previousDigest));
        m.put(VDDK_VERSION, text(vddkVersion));
        m.put(UNCHANGED, unchanged);
        m.put(BUILDER, text(builder));
        m.put(TAGS, String.join("\n", tags == null ? List.of() : tags));
        return m;
    }

    /** The {@code findVddkArchive} map; {@code imageExists} is false when no repository was asked. */
    public static LinkedHashMap<String, Object> find(String version, String name, String location, String sha256,
                                                     boolean imageExists, String tag) {
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put(VERSION, text(version));
        m.put(NAME, text(name));
        m.put(LOCATION, text(location));
        m.put(SHA256, text(sha256));
        m.put(IMAGE_EXISTS, imageExists);
        m.put(TAG, text(tag));
        return m;
    }

    /** Null becomes the empty string, so every value is a String. */
    public static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    /** Warnings as one String, one per line. */
    public static String lines(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }
}
