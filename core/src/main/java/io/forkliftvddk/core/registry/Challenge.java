package io.forkliftvddk.core.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code WWW-Authenticate} challenge: scheme ({@code basic}, {@code bearer}, lower case) and its parameters
 * ({@code realm}, {@code service}, {@code scope}, {@code error}).
 */
record Challenge(String scheme, Map<String, String> params) {

    Challenge {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    String param(String name) {
        return params.get(name);
    }

    boolean isBearer() {
        return scheme.equals("bearer");
    }

    boolean isBasic() {
        return scheme.equals("basic");
    }

    /**
     * Parses a header value, which may hold several challenges:
     * {@code Bearer realm="https://auth.example/token",service="registry.example",scope="repository:a:pull", Basic realm="x"}.
     * Quoted values may contain commas and escaped quotes. Unparseable parts are skipped.
     */
    static List<Challenge> parse(String header) {
        List<Challenge> out = new ArrayList<>();
        if (header == null) {
            return out;
        }
        int i = 0;
        int n = header.length();
        String scheme = null;
        Map<String, String> params = new LinkedHashMap<>();
        while (i < n) {
            while (i < n && (header.charAt(i) == ' ' || header.charAt(i) == ',' || header.charAt(i) == '\t')) {
                i++;
            }
            if (i >= n) {
                break;
            }
            int start = i;
            while (i < n && isTokenChar(header.charAt(i))) {
                i++;
            }
            String token = header.substring(start, i);
            if (token.isEmpty()) {
                i++; // skip an unexpected character
                continue;
            }
            int j = i;
            while (j < n && header.charAt(j) == ' ') {
                j++;
            }
            if (j < n && header.charAt(j) == '=') {
                // a parameter of the current challenge
                j++;
                while (j < n && header.charAt(j) == ' ') {
                    j++;
                }
                String value;
                if (j < n && header.charAt(j) == '"') {
                    StringBuilder sb = new StringBuilder();
                    j++;
                    while (j < n && header.charAt(j) != '"') {
                        char c = header.charAt(j);
                        if (c == '\\' && j + 1 < n) {
                            j++;
                            c = header.charAt(j);
                        }
                        sb.append(c);
                        j++;
                    }
                    j++; // closing quote
                    value = sb.toString();
                } else {
                    int vs = j;
                    while (j < n && header.charAt(j) != ',' && header.charAt(j) != ' ') {
                        j++;
                    }
                    value = header.substring(vs, j);
                }
                if (scheme != null) {
                    params.put(token.toLowerCase(Locale.ROOT), value);
                }
                i = j;
            } else {
                // a new scheme starts
                if (scheme != null) {
                    out.add(new Challenge(scheme, params));
                }
                scheme = token.toLowerCase(Locale.ROOT);
                params = new LinkedHashMap<>();
                i = j;
            }
        }
        if (scheme != null) {
            out.add(new Challenge(scheme, params));
        }
        return out;
    }

    private static boolean isTokenChar(char c) {
        return c > 0x20 && c < 0x7f && "()<>@,;:\\\"/[]?={} \t".indexOf(c) < 0;
    }

    /** The challenge this client answers: Bearer preferred over Basic; null when there is neither. */
    static Challenge preferred(List<Challenge> challenges) {
        Challenge basic = null;
        for (Challenge c : challenges) {
            if (c.isBearer() && c.param("realm") != null) {
                return c;
            }
            if (c.isBasic() && basic == null) {
                basic = c;
            }
        }
        return basic;
    }

    @Override
    public String toString() {
        // parameters are public server data (realm, service, scope), never credentials
        return scheme + params;
    }
}
