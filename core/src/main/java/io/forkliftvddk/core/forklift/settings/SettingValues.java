package io.forkliftvddk.core.forklift.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.image.ImageReference;
import io.forkliftvddk.core.image.InvalidImageReferenceException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;

/** Typed parsing of setting values given as text, and their JSON form. */
public final class SettingValues {

    private static final Set<String> TRUE = Set.of("true", "1", "yes");
    private static final Set<String> FALSE = Set.of("false", "0", "no");

    private SettingValues() {
    }

    /**
     * Parses and normalises a value: booleans to {@code true}/{@code false}, integers to their decimal form, strings
     * verbatim; {@code vddk_image} must be a valid image reference.
     *
     * @throws ForkliftException INVALID_INPUT with {@code invalid value for setting 'N': ...}
     */
    public static String normalise(SettingDefinition def, String raw) {
        if (raw == null) {
            throw ForkliftException.invalid("invalid value for setting '" + def.name() + "': no value given");
        }
        switch (def.type()) {
            case BOOL: {
                String v = raw.trim();
                // accepted spellings are kubectl-mtv's: true/True/TRUE/1/yes/Yes/YES and the false forms
                if (isAccepted(v, TRUE)) {
                    return "true";
                }
                if (isAccepted(v, FALSE)) {
                    return "false";
                }
                throw ForkliftException.invalid("invalid value for setting '" + def.name() + "': expected boolean value (true/false), got: " + raw);
            }
            case INT:
                try {
                    return Long.toString(Long.parseLong(raw.trim()));
                } catch (NumberFormatException e) {
                    throw ForkliftException.invalid("invalid value for setting '" + def.name() + "': expected integer value, got: " + raw);
                }
            default:
                if (def.name().equals(SettingsCatalog.VDDK_IMAGE)) {
                    if (raw.isEmpty()) {
                        throw ForkliftException.invalid("invalid value for setting 'vddk_image': empty; use unset to remove the global VDDK image");
                    }
                    try {
                        ImageReference.parse(raw);
                    } catch (InvalidImageReferenceException e) {
                        throw ForkliftException.invalid("invalid value for setting 'vddk_image': " + e.getMessage());
                    }
                }
                return raw;
        }
    }

    private static boolean isAccepted(String v, Set<String> lower) {
        String l = v.toLowerCase(Locale.ROOT);
        return lower.contains(l) && (v.equals(l) || v.equals(v.toUpperCase(Locale.ROOT))
                || v.equals(Character.toUpperCase(l.charAt(0)) + l.substring(1)));
    }

    /**
     * The JSON value to write: a string (as MTV ≤ 2.12 expects for every setting) unless the CRD schema types the
     * field as {@code boolean} or {@code integer}/{@code number}.
     */
    public static JsonNode toJson(String normalised, String schemaType) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if ("boolean".equals(schemaType) && (normalised.equals("true") || normalised.equals("false"))) {
            return f.booleanNode(Boolean.parseBoolean(normalised));
        }
        if (("integer".equals(schemaType) || "number".equals(schemaType)) && normalised.matches("-?\\d+")) {
            return f.numberNode(new BigDecimal(normalised).longValueExact());
        }
        return f.textNode(normalised);
    }

    /** A stored value as text, coerced the way kubectl-mtv reads it; null for absent/null. */
    public static String read(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            BigDecimal d = node.decimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
        }
        if (node.isBoolean()) {
            return Boolean.toString(node.booleanValue());
        }
        return node.toString();
    }
}
