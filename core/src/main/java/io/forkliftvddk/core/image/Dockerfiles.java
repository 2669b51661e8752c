package io.forkliftvddk.core.image;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfiles of runtime builds (podman, docker): the default one, byte-identical to the one Forklift's
 * documentation and kubectl-mtv use, and the check of a user's own Dockerfile.
 *
 * <p>The check exists because kubectl-mtv uses a custom Dockerfile verbatim, and its own guide's examples never copy
 * the kit: the build succeeds and gives an image without VDDK. Here a Dockerfile whose final stage does not get
 * {@value #KIT_DIRECTORY} (directly, or from an earlier stage that has it) is refused before anything is built, with
 * the line to add. What the entrypoint does is checked on the built image, not here: a base image may bring one.
 */
public final class Dockerfiles {

    /** The base of the documented Dockerfile. */
    public static final String DEFAULT_BASE_IMAGE = "registry.access.redhat.com/ubi8/ubi-minimal";
    /** The kit's root directory, as extracted into the build context. */
    public static final String KIT_DIRECTORY = "vmware-vix-disklib-distrib";
    /** The line of the documented Dockerfile that puts the kit into the image. */
    public static final String COPY_LINE = "COPY " + KIT_DIRECTORY + " /" + KIT_DIRECTORY;

    private static final String DOCUMENTED_BODY = "USER 1001\n"
            + COPY_LINE + "\n"
            + "RUN mkdir -p /opt\n"
            + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n";

    private static final Pattern VARIABLE = Pattern.compile("\\$(?:\\{([A-Za-z_][A-Za-z0-9_]*)(?::([-+])([^}]*))?\\}|([A-Za-z_][A-Za-z0-9_]*))");
    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9_-]*)\\s*=\\s*(\\S+)\\s*");
    private static final Pattern HEREDOC = Pattern.compile("<<-?[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");

    private Dockerfiles() {
    }

    /** The documented Dockerfile, exactly (Forklift docs §6, kubectl-mtv {@code defaultDockerfile}). */
    public static String defaultDockerfile() {
        return "FROM " + DEFAULT_BASE_IMAGE + "\n" + DOCUMENTED_BODY;
    }

    /**
     * The documented Dockerfile with another base image: only the {@code FROM} line differs.
     *
     * @param baseImage the base as the user wrote it, or null for the documented one
     * @throws InvalidImageReferenceException when the base is not an image reference (it goes into the file verbatim)
     */
    public static String defaultDockerfile(String baseImage) {
        if (baseImage == null) {
            return defaultDockerfile();
        }
        ImageReference.parse(baseImage);
        return "FROM " + baseImage + "\n" + DOCUMENTED_BODY;
    }

    /**
     * Checks a custom Dockerfile before a build: it must have a FROM, and its final stage (or {@code targetStage})
     * must COPY or ADD {@value #KIT_DIRECTORY} from the build context, or from an earlier stage that did.
     *
     * @param text        the Dockerfile's content
     * @param source      how to name the file in messages (its path)
     * @param buildArgs   the {@code --build-arg} values, used to resolve {@code ARG}s in FROM and COPY lines
     * @param targetStage the stage a {@code --target} option selects, or null for the last one
     * @throws InvalidDockerfileException naming the file, the stage and the line to add
     */
    public static Check check(String text, String source, Map<String, String> buildArgs, String targetStage) {
        Objects.requireNonNull(text, "text");
        Map<String, String> args = buildArgs == null ? Map.of() : buildArgs;
        List<Instruction> instructions = parse(text);
        Map<String, String> globalArgs = new HashMap<>();
        List<Stage> stages = new ArrayList<>();
        Stage current = null;
        Map<String, String> vars = new HashMap<>();
        for (Instruction in : instructions) {
            if (current != null && !in.keyword().equals("FROM")) {
                current.lastLine = in.endLine();
            }
            switch (in.keyword()) {
                case "FROM" -> {
                    current = from(in, stages, globalArgs);
                    stages.add(current);
                    vars = new HashMap<>();
                }
                case "ARG" -> {
                    for (String[] kv : declarations(in.arguments(), current == null ? globalArgs : vars)) {
                        String value = args.containsKey(kv[0]) ? args.get(kv[0])
                                : kv[1] != null ? kv[1]
                                : current != null ? globalArgs.get(kv[0]) : null;
                        if (value != null) {
                            (current == null ? globalArgs : vars).put(kv[0], value);
                        }
                    }
                }
                case "ENV" -> {
                    if (current != null) {
                        for (String[] kv : envDeclarations(in.arguments(), vars)) {
                            vars.put(kv[0], kv[1]);
                        }
                    }
                }
                case "COPY", "ADD" -> {
                    if (current != null && current.kitLine < 0 && copiesKit(in, stages, vars)) {
                        current.kitLine = in.line();
                        current.kitInstruction = in.text();
                    }
                }
                default -> {
                    // other instructions do not move the kit
                }
            }
        }
        if (stages.isEmpty()) {
            throw new InvalidDockerfileException("Dockerfile " + source + " has no FROM instruction; a Dockerfile for a"
                    + " VDDK image starts with FROM <base image>, like the documented one:\n" + indent(defaultDockerfile()));
        }
        Stage target = stages.get(stages.size() - 1);
        if (targetStage != null) {
            target = stages.stream().filter(s -> targetStage.equalsIgnoreCase(s.name)).findFirst()
                    .orElseThrow(() -> new InvalidDockerfileException("Dockerfile " + source + " has no stage named '"
                            + targetStage + "' (the build's --target)"));
        }
        if (target.kitLine < 0) {
            int after = target.lastLine;
            throw new InvalidDockerfileException("Dockerfile " + source + " does not copy the VDDK kit into the image: "
                    + "its " + (targetStage != null ? "target" : "final") + " stage (FROM at line " + target.fromLine
                    + ") has no COPY or ADD of " + KIT_DIRECTORY + ", so the image would have no VDDK and Forklift would"
                    + " reject it. The kit is extracted next to the Dockerfile as " + KIT_DIRECTORY + "/; add this line"
                    + " to that stage (for example after line " + after + "):\n    " + COPY_LINE);
        }
        return new Check(target.name, target.fromLine, target.kitLine, target.kitInstruction, stages.size());
    }

    /**
     * What the check found.
     *
     * @param stage            the stage that becomes the image (its name, or null when unnamed)
     * @param stageLine        line of that stage's FROM
     * @param kitLine          line of the COPY/ADD that brings the kit into it (or into the stage it builds on)
     * @param kitInstruction   that instruction, as written (continuations joined)
     * @param stages           number of stages
     */
    public record Check(String stage, int stageLine, int kitLine, String kitInstruction, int stages) {
    }

    /** One logical instruction: continuation lines joined, comments inside continuations dropped. */
    record Instruction(String keyword, String arguments, int line, int endLine, String text) {
    }

    /** Splits a Dockerfile into logical instructions, honouring the {@code escape} parser directive and heredocs. */
    static List<Instruction> parse(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        char escape = '\\';
        int i = 0;
        // parser directives: only at the very top, before any comment, blank line or instruction
        while (i < lines.length) {
            Matcher m = DIRECTIVE.matcher(lines[i]);
            if (!m.matches()) {
                break;
            }
            if (m.group(1).equalsIgnoreCase("escape") && m.group(2).equals("`")) {
                escape = '`';
            }
            i++;
        }
        List<Instruction> result = new ArrayList<>();
        while (i < lines.length) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            StringBuilder logical = new StringBuilder();
            String part = stripTrailing(line);
            i++;
            while (part.endsWith(String.valueOf(escape))) {
                logical.append(part, 0, part.length() - 1);
                // comment and empty lines inside a continuation are dropped, as docker and buildah do
                while (i < lines.length && (lines[i].strip().isEmpty() || lines[i].strip().startsWith("#"))) {
                    i++;
                }
                if (i >= lines.length) {
                    part = "";
                    break;
                }
                part = stripTrailing(lines[i]);
                i++;
            }
            logical.append(part);
            int end = i;
            String joined = logical.toString().strip();
            int space = indexOfWhitespace(joined);
            String keyword = (space < 0 ? joined : joined.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : joined.substring(space).strip();
            // heredoc bodies (RUN <<EOF ... EOF) are content, not instructions
            Matcher heredoc = HEREDOC.matcher(arguments);
            if ((keyword.equals("RUN") || keyword.equals("COPY") || keyword.equals("ADD")) && heredoc.find()) {
                String terminator = heredoc.group(1);
                while (i < lines.length && !lines[i].strip().equals(terminator)) {
                    i++;
                }
                i++;
                end = Math.min(i, lines.length);
            }
            result.add(new Instruction(keyword, arguments, start, end, joined));
        }
        return result;
    }

    private static Stage from(Instruction in, List<Stage> stages, Map<String, String> globalArgs) {
        List<String> words = words(in.arguments());
        int w = 0;
        while (w < words.size() && words.get(w).startsWith("--")) {
            w++;
        }
        String image = w < words.size() ? substitute(words.get(w), globalArgs) : "";
        String name = w + 2 < words.size() && words.get(w + 1).equalsIgnoreCase("AS")
                ? words.get(w + 2).toLowerCase(Locale.ROOT) : null;
        Stage stage = new Stage(name, in.line(), in.endLine());
        // FROM <earlier stage> inherits what that stage copied
        stageByReference(image, stages).ifPresent(parent -> {
            if (parent.kitLine >= 0) {
                stage.kitLine = parent.kitLine;
                stage.kitInstruction = parent.kitInstruction;
            }
        });
        return stage;
    }

    private static boolean copiesKit(Instruction in, List<Stage> stages, Map<String, String> vars) {
        String arguments = in.arguments();
        String from = null;
        List<String> words = words(arguments);
        int w = 0;
        while (w < words.size() && words.get(w).startsWith("--")) {
            String flag = words.get(w);
            if (flag.toLowerCase(Locale.ROOT).startsWith("--from=")) {
                from = substitute(flag.substring(7), vars);
            }
            w++;
        }
        String rest = String.join(" ", words.subList(w, words.size()));
        List<String> operands = rest.startsWith("[") ? jsonArray(rest).orElse(words.subList(w, words.size()))
                : words.subList(w, words.size());
        if (operands.size() < 2) {
            return false;
        }
        List<String> sources = operands.subList(0, operands.size() - 1);
        if (from != null) {
            Optional<Stage> stage = stageByReference(from, stages);
            if (stage.isEmpty() || stage.get().kitLine < 0) {
                return false;
            }
            for (String src : sources) {
                String s = substitute(src, vars);
                if (s.equals("/") || s.contains(KIT_DIRECTORY)) {
                    return true;
                }
            }
            return false;
        }
        for (String src : sources) {
            if (contextSourceHasKit(substitute(src, vars))) {
                return true;
            }
        }
        return false;
    }

    /** True when a build-context source (path or glob) covers the kit directory or something inside it. */
    static boolean contextSourceHasKit(String source) {
        String s = source;
        while (s.startsWith("./")) {
            s = s.substring(2);
        }
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        if (s.isEmpty() || s.equals(".") || s.equals("*")) {
            return true;
        }
        int slash = s.indexOf('/');
        String first = slash < 0 ? s : s.substring(0, slash);
        return globMatches(first, KIT_DIRECTORY);
    }

    private static boolean globMatches(String glob, String name) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append("[^/]*");
                case '?' -> regex.append("[^/]");
                case '[', ']' -> regex.append(c);
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return name.matches(regex.toString());
        } catch (RuntimeException e) {
            return glob.equals(name);
        }
    }

    private static Optional<Stage> stageByReference(String ref, List<Stage> stages) {
        String lower = ref.toLowerCase(Locale.ROOT);
        for (int s = stages.size() - 1; s >= 0; s--) {
            if (lower.equals(stages.get(s).name)) {
                return Optional.of(stages.get(s));
            }
        }
        if (lower.matches("\\d+")) {
            int index = Integer.parseInt(lower);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /** Expands {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-default}} and {@code ${VAR:+alt}} as the builders do. */
    static String substitute(String word, Map<String, String> vars) {
        Matcher m = VARIABLE.matcher(word);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            if (m.start() > 0 && word.charAt(m.start() - 1) == '\\') {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group().substring(0)));
                continue;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(4);
            String value = vars.get(name);
            String replacement;
            if ("-".equals(m.group(2))) {
                replacement = value == null || value.isEmpty() ? m.group(3) : value;
            } else if ("+".equals(m.group(2))) {
                replacement = value == null || value.isEmpty() ? "" : m.group(3);
            } else {
                replacement = value == null ? "" : value;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString().replace("\\$", "$");
    }

    private static List<String[]> declarations(String arguments, Map<String, String> scope) {
        List<String[]> result = new ArrayList<>();
        for (String word : words(arguments)) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                result.add(new String[] {word, null});
            } else {
                result.add(new String[] {word.substring(0, eq), unquote(substitute(word.substring(eq + 1), scope))});
            }
        }
        return result;
    }

    private static List<String[]> envDeclarations(String arguments, Map<String, String> scope) {
        List<String[]> result = new ArrayList<>();
        List<String> words = words(arguments);
        if (!words.isEmpty() && words.get(0).indexOf('=') < 0) {
            // legacy form: ENV KEY value with spaces
            String value = arguments.strip().substring(words.get(0).length()).strip();
            result.add(new String[] {words.get(0), unquote(substitute(value, scope))});
            return result;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq > 0) {
                result.add(new String[] {word.substring(0, eq), unquote(substitute(word.substring(eq + 1), scope))});
            }
        }
        return result;
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.startsWith("\"") && s.endsWith("\"") || s.startsWith("'") && s.endsWith("'"))) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** Whitespace-separated words; quoted words keep their spaces. */
    private static List<String> words(String s) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        char quote = 0;
        boolean any = false;
        for (char c : s.toCharArray()) {
            if (quote != 0) {
                current.append(c);
                if (c == quote) {
                    quote = 0;
                }
            } else if (Character.isWhitespace(c)) {
                if (any) {
                    words.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                if (c == '"' || c == '\'') {
                    quote = c;
                }
                current.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(current.toString());
        }
        return words;
    }

    /** The exec form {@code ["a", "b"]}; empty when it is not a JSON string array (then the shell form applies). */
    static Optional<List<String>> jsonArray(String s) {
        String t = s.strip();
        if (!t.startsWith("[") || !t.endsWith("]")) {
            return Optional.empty();
        }
        List<String> values = new ArrayList<>();
        int i = 1;
        int end = t.length() - 1;
        while (true) {
            while (i < end && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i >= end) {
                return Optional.of(values);
            }
            if (t.charAt(i) != '"') {
                return Optional.empty();
            }
            StringBuilder v = new StringBuilder();
            i++;
            while (i < end && t.charAt(i) != '"') {
                if (t.charAt(i) == '\\' && i + 1 < end) {
                    i++;
                }
                v.append(t.charAt(i));
                i++;
            }
            if (i >= end) {
                return Optional.empty();
            }
            values.add(v.toString());
            i++;
            while (i < end && Character.isWhitespace(t.charAt(i))) {
                i++;
            }
            if (i < end) {
                if (t.charAt(i) != ',') {
                    return Optional.empty();
                }
                i++;
            }
        }
    }

    private static String stripTrailing(String s) {
        return s.stripTrailing();
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static String indent(String text) {
        return "    " + text.strip().replace("\n", "\n    ");
    }

    private static final class Stage {
        final String name;
        final int fromLine;
        int lastLine;
        int kitLine = -1;
        String kitInstruction;

        Stage(String name, int fromLine, int lastLine) {
            this.name = name;
            this.fromLine = fromLine;
            this.lastLine = lastLine;
        }
    }
}
