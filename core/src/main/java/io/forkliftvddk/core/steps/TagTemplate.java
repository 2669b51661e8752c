package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.archive.VddkVersion;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Image tags derived from a kit version: {@code {version}} (8.0.3, 9.0.0.0), {@code {major}} (8), {@code {build}}
 * (23950268). The result must be a valid tag.
 */
public final class TagTemplate {

    public static final String DEFAULT = "{version}";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^}]*)}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    private TagTemplate() {
    }

    /**
     * Renders the template (null or blank: {@value #DEFAULT}).
     *
     * @throws IllegalArgumentException for an unknown placeholder, {@code {build}} without a build number, or a result that
     *                                  is not a valid tag
     */
    public static String render(String template, VddkVersion version) {
        String t = StepValues.trimToNull(template);
        if (t == null) {
            t = DEFAULT;
        }
        Matcher m = PLACEHOLDER.matcher(t);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "version" -> version.number();
                case "major" -> Integer.toString(version.major());
                case "build" -> {
                    if (!version.hasBuild()) {
                        throw new IllegalArgumentException("The tag template uses {build}, but the kit's build number is unknown.");
                    }
                    yield Long.toString(version.build());
                }
                default -> throw new IllegalArgumentException("Unknown placeholder {" + m.group(1)
                        + "} in the tag template: use {version}, {major} or {build}.");
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        String tag = sb.toString();
        if (!TAG.matcher(tag).matches()) {
            throw new IllegalArgumentException("The tag template gives '" + tag + "', which is not a valid tag (letters, digits,"
                    + " '_', '.', '-', at most 128, not starting with '.' or '-').");
        }
        return tag;
    }
}
