package io.forkliftvddk.core.steps;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a freestyle build exposes to later build steps after {@code buildVddkImage} or the find-archive builder. */
public final class EnvironmentVariables {

    public static final String VDDK_IMAGE = "VDDK_IMAGE";
    public static final String VDDK_IMAGE_DIGEST = "VDDK_IMAGE_DIGEST";
    public static final String VDDK_IMAGE_PINNED = "VDDK_IMAGE_PINNED";
    public static final String VDDK_VERSION = "VDDK_VERSION";
    /** The kit's path or URL (the same names the {@code vddkRelease} trigger passes as build parameters). */
    public static final String VDDK_ARCHIVE = ReleasePoll.PARAM_ARCHIVE;
    public static final String VDDK_IMAGE_TAG = ReleasePoll.PARAM_IMAGE_TAG;
    public static final String VDDK_ARCHIVE_NAME = "VDDK_ARCHIVE_NAME";
    public static final String VDDK_ARCHIVE_SHA256 = "VDDK_ARCHIVE_SHA256";
    /** {@code true} or {@code false}; {@code false} also when no image repository was asked. */
    public static final String VDDK_IMAGE_EXISTS = "VDDK_IMAGE_EXISTS";

    private EnvironmentVariables() {
    }

    /** From a {@code buildVddkImage} result map: only the keys with a value. */
    public static Map<String, String> fromBuildResult(Map<String, ?> result) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, VDDK_IMAGE, result.get(ResultMaps.IMAGE));
        put(env, VDDK_IMAGE_DIGEST, result.get(ResultMaps.DIGEST));
        put(env, VDDK_IMAGE_PINNED, result.get(ResultMaps.IMAGE_DIGEST_REF));
        put(env, VDDK_VERSION, result.get(ResultMaps.VDDK_VERSION));
        return env;
    }

    /**
     * From a {@code findVddkArchive} result map (values may be the map's Strings and Booleans or their text, as an action
     * stores them). Nothing found: only {@code VDDK_IMAGE_EXISTS=false}, so a later step can test for {@code VDDK_VERSION}.
     */
    public static Map<String, String> fromFindResult(Map<String, ?> result) {
        Map<String, String> env = new LinkedHashMap<>();
        put(env, ReleasePoll.PARAM_VERSION, result.get(ResultMaps.VERSION));
        put(env, VDDK_ARCHIVE, result.get(ResultMaps.LOCATION));
        put(env, VDDK_ARCHIVE_NAME, result.get(ResultMaps.NAME));
        put(env, VDDK_ARCHIVE_SHA256, result.get(ResultMaps.SHA256));
        put(env, VDDK_IMAGE_TAG, result.get(ResultMaps.TAG));
        Object exists = result.get(ResultMaps.IMAGE_EXISTS);
        env.put(VDDK_IMAGE_EXISTS, Boolean.toString(Boolean.TRUE.equals(exists) || "true".equals(exists)));
        return env;
    }

    private static void put(Map<String, String> env, String key, Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            env.put(key, s);
        }
    }
}
