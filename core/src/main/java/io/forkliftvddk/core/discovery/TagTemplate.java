package io.forkliftvddk.core.discovery;

import io.forkliftvddk.core.archive.VddkVersion;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The image tag a VDDK version gets: a template with {@code {version}} (the version numbers, {@code 8.0.3} or
 * {@code 9.0.0.0}), {@code {major}} ({@code 8}) and {@code {build}} (VMware's build number, {@code 23950268}).
 * The default {@code {version}} gives {@code vddk:8.0.3}; {@code {version}-{build}} gives VMware's full version.
 */
public record TagTemplate(String template) implements Serializable {

    public static final String DEFAULT = "{version}";
    public static final List<String> PLACEHOLDERS = List.of("{version}", "{major}", "{build}");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    /** The longest values the placeholders can take, to check a template's length up front. */
    private static final VddkVersion SAMPLE = VddkVersion.parse("99.99.99.99.999999999");

    public TagTemplate {
        if (template == null || template.isBlank()) {
            template = DEFAULT;
        }
        template = template.strip();
        String stripped = PLACEHOLDER.matcher(template).replaceAll("");
        if (stripped.contains("{") || stripped.contains("}")) {
            throw invalid(template, "it has an unmatched '{' or '}'");
        }
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            if (!PLACEHOLDERS.contains(m.group())) {
                throw invalid(template, "unknown placeholder " + m.group());
            }
        }
        String sample = expand(template, SAMPLE);
        if (!TAG.matcher(sample).matches()) {
            throw invalid(template, sample.length() > 128 ? "the tag can grow longer than 128 characters"
                    : "a tag may only hold letters, digits, '_', '.' and '-', and must not start with '.' or '-'");
        }
    }

    public static TagTemplate defaultTemplate() {
        return new TagTemplate(DEFAULT);
    }

    public static TagTemplate of(String template) {
        return new TagTemplate(template);
    }

    /** The problem with a template, or empty; for form checks. */
    public static Optional<String> problem(String template) {
        try {
            new TagTemplate(template);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * The tag for a version.
     *
     * @throws IllegalArgumentException when the template uses {@code {build}} and the version has none
     */
    public String tagFor(VddkVersion version) {
        if (template.contains("{build}") && !version.hasBuild()) {
            throw new IllegalArgumentException("the tag template " + template + " uses {build}, but version " + version
                    + " has no build number");
        }
        String tag = expand(template, version);
        if (!TAG.matcher(tag).matches()) {
            throw invalid(template, "it gives the invalid tag '" + tag + "' for " + version);
        }
        return tag;
    }

    private static String expand(String template, VddkVersion v) {
        return template.replace("{version}", v.number())
                .replace("{major}", String.valueOf(v.major()))
                .replace("{build}", v.hasBuild() ? String.valueOf(v.build()) : "");
    }

    private static IllegalArgumentException invalid(String template, String why) {
        return new IllegalArgumentException("invalid tag template '" + template + "': " + why
                + " (placeholders " + String.join(", ", PLACEHOLDERS) + "; for example {version} or {version}-{build})");
    }

    @Override
    public String toString() {
        return template;
    }
}
