package io.forkliftvddk.core.build;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON tree for image configs and manifests: objects keep their field order, numbers keep their text, and
 * {@link #bytes()} writes compact JSON, so a document read and written again changes only where it was edited.
 * Used instead of Jackson on the builder's path because the CLI starts a JVM per build and Jackson's class loading
 * costs more than the whole warm no-op build.
 */
final class JNode implements Iterable<JNode> {

    enum Kind { OBJECT, ARRAY, STRING, NUMBER, BOOLEAN, NULL, MISSING }

    private static final JNode MISSING = new JNode(Kind.MISSING, null);

    private final Kind kind;
    private final Object value;

    private JNode(Kind kind, Object value) {
        this.kind = kind;
        this.value = value;
    }

    static JNode object() {
        return new JNode(Kind.OBJECT, new LinkedHashMap<String, JNode>());
    }

    static JNode array() {
        return new JNode(Kind.ARRAY, new ArrayList<JNode>());
    }

    static JNode text(String s) {
        return new JNode(Kind.STRING, s);
    }

    static JNode number(long n) {
        return new JNode(Kind.NUMBER, Long.toString(n));
    }

    static JNode bool(boolean b) {
        return new JNode(Kind.BOOLEAN, b);
    }

    @SuppressWarnings("unchecked")
    private Map<String, JNode> map() {
        return (Map<String, JNode>) value;
    }

    @SuppressWarnings("unchecked")
    private List<JNode> list() {
        return (List<JNode>) value;
    }

    boolean isObject() {
        return kind == Kind.OBJECT;
    }

    boolean isArray() {
        return kind == Kind.ARRAY;
    }

    boolean isTextual() {
        return kind == Kind.STRING;
    }

    boolean isMissing() {
        return kind == Kind.MISSING;
    }

    /** The field, or null when this is not an object or has no such field. */
    JNode get(String field) {
        return kind == Kind.OBJECT ? map().get(field) : null;
    }

    /** The field, or a missing node (never null), for chained lookups. */
    JNode path(String field) {
        JNode n = get(field);
        return n == null ? MISSING : n;
    }

    JNode path(int index) {
        return kind == Kind.ARRAY && index >= 0 && index < list().size() ? list().get(index) : MISSING;
    }

    boolean has(String field) {
        return get(field) != null;
    }

    int size() {
        return kind == Kind.ARRAY ? list().size() : kind == Kind.OBJECT ? map().size() : 0;
    }

    String asText() {
        return asText("");
    }

    String asText(String otherwise) {
        return switch (kind) {
            case STRING, NUMBER -> (String) value;
            case BOOLEAN -> value.toString();
            default -> otherwise;
        };
    }

    boolean canConvertToLong() {
        if (kind != Kind.NUMBER) {
            return false;
        }
        try {
            Long.parseLong((String) value);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    long asLong() {
        return Long.parseLong((String) value);
    }

    @Override
    public Iterator<JNode> iterator() {
        return kind == Kind.ARRAY ? list().iterator() : Collections.emptyIterator();
    }

    /** Object fields in order (empty for other kinds). */
    Iterable<Map.Entry<String, JNode>> fields() {
        return kind == Kind.OBJECT ? map().entrySet() : List.of();
    }

    // ---- edits (objects and arrays) ----

    JNode put(String field, String text) {
        map().put(field, text(text));
        return this;
    }

    JNode put(String field, long n) {
        map().put(field, number(n));
        return this;
    }

    JNode put(String field, boolean b) {
        map().put(field, bool(b));
        return this;
    }

    JNode set(String field, JNode node) {
        map().put(field, node);
        return this;
    }

    JNode putObject(String field) {
        JNode n = object();
        map().put(field, n);
        return n;
    }

    JNode putArray(String field) {
        JNode n = array();
        map().put(field, n);
        return n;
    }

    JNode remove(String field) {
        return map().remove(field);
    }

    JNode add(String text) {
        list().add(text(text));
        return this;
    }

    JNode add(JNode node) {
        list().add(node);
        return this;
    }

    JNode addObject() {
        JNode n = object();
        list().add(n);
        return n;
    }

    // ---- reading and writing ----

    /**
     * Parses JSON.
     *
     * @throws IllegalArgumentException naming {@code what} and the position of the error
     */
    static JNode parse(byte[] bytes, String what) {
        Parser p = new Parser(new String(bytes, StandardCharsets.UTF_8), what);
        p.ws();
        JNode n = p.value(0);
        p.ws();
        if (p.pos != p.s.length()) {
            throw p.error("trailing characters");
        }
        return n;
    }

    byte[] bytes() {
        StringBuilder sb = new StringBuilder(256);
        write(sb, null, 0);
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    String pretty() {
        StringBuilder sb = new StringBuilder(256);
        write(sb, "  ", 0);
        return sb.toString();
    }

    @Override
    public String toString() {
        return new String(bytes(), StandardCharsets.UTF_8);
    }

    private void write(StringBuilder sb, String indent, int depth) {
        switch (kind) {
            case OBJECT -> {
                sb.append('{');
                boolean first = true;
                for (Map.Entry<String, JNode> e : map().entrySet()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    newline(sb, indent, depth + 1);
                    quote(sb, e.getKey());
                    sb.append(indent == null ? ":" : ": ");
                    e.getValue().write(sb, indent, depth + 1);
                }
                if (!first) {
                    newline(sb, indent, depth);
                }
                sb.append('}');
            }
            case ARRAY -> {
                sb.append('[');
                boolean first = true;
                for (JNode n : list()) {
                    if (!first) {
                        sb.append(',');
                    }
                    first = false;
                    newline(sb, indent, depth + 1);
                    n.write(sb, indent, depth + 1);
                }
                if (!first) {
                    newline(sb, indent, depth);
                }
                sb.append(']');
            }
            case STRING -> quote(sb, (String) value);
            case NUMBER -> sb.append((String) value);
            case BOOLEAN -> sb.append(value);
            default -> sb.append("null");
        }
    }

    private static void newline(StringBuilder sb, String indent, int depth) {
        if (indent != null) {
            sb.append('\n').append(indent.repeat(depth));
        }
    }

    private static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04X", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    /** Recursive descent over RFC 8259 JSON. */
    static final class Parser {
        private static final int MAX_DEPTH = 200;
        final String s;
        final String what;
        int pos;

        Parser(String s, String what) {
            this.s = s;
            this.what = what;
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException(what + " is not valid JSON: " + why + " at character " + pos);
        }

        void ws() {
            while (pos < s.length() && (s.charAt(pos) == ' ' || s.charAt(pos) == '\n' || s.charAt(pos) == '\r' || s.charAt(pos) == '\t')) {
                pos++;
            }
        }

        JNode value(int depth) {
            if (depth > MAX_DEPTH) {
                throw error("nested too deeply");
            }
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{': {
                    pos++;
                    JNode o = object();
                    ws();
                    if (peek('}')) {
                        pos++;
                        return o;
                    }
                    while (true) {
                        ws();
                        if (!peek('"')) {
                            throw error("expected a field name");
                        }
                        String key = string();
                        ws();
                        expect(':');
                        ws();
                        o.map().put(key, value(depth + 1));
                        ws();
                        if (peek(',')) {
                            pos++;
                        } else {
                            expect('}');
                            return o;
                        }
                    }
                }
                case '[': {
                    pos++;
                    JNode a = array();
                    ws();
                    if (peek(']')) {
                        pos++;
                        return a;
                    }
                    while (true) {
                        ws();
                        a.list().add(value(depth + 1));
                        ws();
                        if (peek(',')) {
                            pos++;
                        } else {
                            expect(']');
                            return a;
                        }
                    }
                }
                case '"':
                    return text(string());
                case 't':
                    literal("true");
                    return bool(true);
                case 'f':
                    literal("false");
                    return bool(false);
                case 'n':
                    literal("null");
                    return new JNode(Kind.NULL, null);
                default:
                    return numberToken();
            }
        }

        boolean peek(char c) {
            return pos < s.length() && s.charAt(pos) == c;
        }

        void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void literal(String word) {
            if (!s.startsWith(word, pos)) {
                throw error("unexpected character");
            }
            pos += word.length();
        }

        /** {@code -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?}, JSON's number, without a regex. */
        static boolean isJsonNumber(String t) {
            int n = t.length();
            int i = t.startsWith("-") ? 1 : 0;
            if (i == n) {
                return false;
            }
            if (t.charAt(i) == '0') {
                i++;
            } else if (t.charAt(i) >= '1' && t.charAt(i) <= '9') {
                while (i < n && isDigit(t.charAt(i))) {
                    i++;
                }
            } else {
                return false;
            }
            if (i < n && t.charAt(i) == '.') {
                int start = ++i;
                while (i < n && isDigit(t.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            if (i < n && (t.charAt(i) == 'e' || t.charAt(i) == 'E')) {
                i++;
                if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
                    i++;
                }
                int start = i;
                while (i < n && isDigit(t.charAt(i))) {
                    i++;
                }
                if (i == start) {
                    return false;
                }
            }
            return i == n;
        }

        private static boolean isDigit(char c) {
            return c >= '0' && c <= '9';
        }

        JNode numberToken() {
            int start = pos;
            if (peek('-')) {
                pos++;
            }
            while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            String t = s.substring(start, pos);
            if (!isJsonNumber(t)) {
                pos = start;
                throw error("unexpected character");
            }
            return new JNode(Kind.NUMBER, t);
        }

        String string() {
            pos++; // opening quote
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated escape");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> sb.append('"');
                    case '\\' -> sb.append('\\');
                    case '/' -> sb.append('/');
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("short \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }
    }
}
