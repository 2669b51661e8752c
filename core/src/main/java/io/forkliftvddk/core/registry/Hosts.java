package io.forkliftvddk.core.registry;

import java.util.Locale;

/** Host name helpers; no DNS lookups. */
final class Hosts {
    private Hosts() {
    }

    /** {@code host} of {@code host[:port]} or {@code [v6]:port}. */
    static String hostOnly(String registry) {
        if (registry.startsWith("[")) {
            int end = registry.indexOf(']');
            return end > 0 ? registry.substring(1, end) : registry;
        }
        int colon = registry.lastIndexOf(':');
        return colon > 0 && registry.indexOf(':') == colon ? registry.substring(0, colon) : registry;
    }

    /** localhost, 127.0.0.0/8 and ::1, by name only (as docker's "insecure by default" rule). */
    static boolean isLoopback(String host) {
        String h = hostOnly(host).toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.endsWith(".localhost") || isLoopbackIpv4(h)
                || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1");
    }

    /** {@code 127(\.\d{1,3}){3}}, without a regex (it is on every run's start-up path). */
    static boolean isLoopbackIpv4(String h) {
        if (!h.startsWith("127.")) {
            return false;
        }
        int groups = 1;
        int digits = 0;
        for (int i = 4; i < h.length(); i++) {
            char c = h.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++digits > 3) {
                    return false;
                }
            } else if (c == '.' && digits > 0 && groups < 3) {
                groups++;
                digits = 0;
            } else {
                return false;
            }
        }
        return groups == 3 && digits > 0;
    }
}
