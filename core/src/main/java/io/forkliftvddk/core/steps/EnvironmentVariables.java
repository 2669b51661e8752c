package io.forkliftvddk.core.steps;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a freestyle build exposes to later build steps after {@code buildVddkImage}. */
public final class EnvironmentVariables {

    public static final String VDDK_IMAGE = "VDDK_IMAGE";
    public static final String VDDK_IMAGE_DIGEST = "VDDK_IMAGE_DIGEST";
    public static final String VDDK_IMAGE_PINNED = "VDDK_IMAGE_PINNED";
    public static final String VDDK_VERSION = "VDDK_VERSION";

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

    private static void put(Map<String, String> env, String key, Object value) {
        if (value instanceof String s && !s.isEmpty()) {
            env.put(key, s);
        }
    }
}
