package io.forkliftvddk.core.discovery;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links of a listing page. Apache and nginx autoindex, Artifactory's and Nexus's HTML listings all put every
 * entry in an {@code <a href>}; reading those (relative or absolute) covers them without knowing each layout.
 */
final class Links {

    private static final Pattern HREF = Pattern.compile(
            "<a\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern BASE = Pattern.compile(
            "<base\\s[^>]*?href\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s>\"']+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|amp|lt|gt|quot|apos);");

    private Links() {
    }

    /** Every distinct link of {@code html}, resolved against the page (or its {@code <base href>}). */
    static List<URI> extract(String html, URI page) {
        URI base = page;
        Matcher bm = BASE.matcher(html);
        if (bm.find()) {
            URI b = parse(page, value(bm));
            if (b != null) {
                base = b;
            }
        }
        Set<URI> out = new LinkedHashSet<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            URI u = parse(base, value(m));
            if (u != null) {
                out.add(u);
            }
        }
        return new ArrayList<>(out);
    }

    private static String value(Matcher m) {
        for (int g = 1; g <= 3; g++) {
            if (m.group(g) != null) {
                return m.group(g);
            }
        }
        return "";
    }

    private static URI parse(URI base, String raw) {
        String href = unescape(raw).strip();
        if (href.isEmpty() || href.startsWith("#") || href.startsWith("?")) {
            return null;
        }
        String lower = href.toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("mailto:")) {
            return null;
        }
        URI u;
        try {
            u = new URI(href);
        } catch (URISyntaxException e) {
            // a server that writes a space or '[' unencoded; encode what URI refuses
            try {
                u = new URI(encodeLoosely(href));
            } catch (URISyntaxException e2) {
                return null;
            }
        }
        URI r = base.resolve(u).normalize();
        if (r.getScheme() == null || !(r.getScheme().equalsIgnoreCase("http") || r.getScheme().equalsIgnoreCase("https"))) {
            return null;
        }
        if (r.getRawFragment() != null) {
            // drop the fragment; keep the query (Nexus and Artifactory download links may need it)
            String t = r.toString();
            r = URI.create(t.substring(0, t.indexOf('#')));
        }
        return r;
    }

    private static String encodeLoosely(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == ' ' || c == '[' || c == ']' || c == '|' || c == '"' || c == '<' || c == '>' || c == '{' || c == '}'
                    || c == '\\' || c == '^' || c == '`') {
                sb.append('%').append(String.format("%02X", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    static String unescape(String s) {
        if (s.indexOf('&') < 0) {
            return s;
        }
        Matcher m = ENTITY.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String e = m.group(1);
            String rep = switch (e) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                default -> {
                    int cp = e.startsWith("#x") || e.startsWith("#X") ? Integer.parseInt(e.substring(2), 16)
                            : Integer.parseInt(e.substring(1));
                    yield new String(Character.toChars(cp));
                }
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(rep));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /** The decoded last path segment: the file name a link points to ("" for a directory link). */
    static String fileName(URI u) {
        String p = u.getPath();
        if (p == null || p.isEmpty() || p.endsWith("/")) {
            return "";
        }
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static boolean isDirectory(URI u) {
        return u.getPath() != null && u.getPath().endsWith("/") && u.getQuery() == null;
    }
}
