package io.forkliftvddk.core.image;

/**
 * The grammar of image reference parts (the distribution reference grammar), checked character by character.
 *
 * <p>Not {@code java.util.regex}: compiling the five patterns cost a fresh JVM ~5-10 ms (its character classes are
 * lambdas, each a generated class), on the start-up path of every CLI run. {@code ReferenceSyntaxTest} holds each
 * method to the regular expression it replaces, written in its comment.
 */
final class ReferenceSyntax {

    private ReferenceSyntax() {
    }

    /** {@code [a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*}: a repository path component. */
    static boolean isComponent(String s) {
        int n = s.length();
        int i = 0;
        while (true) {
            int run = i;
            while (i < n && isLowerAlnum(s.charAt(i))) {
                i++;
            }
            if (i == run) {
                return false; // a component, and every separator, is followed by a letter or digit
            }
            if (i == n) {
                return true;
            }
            char c = s.charAt(i);
            if (c == '.') {
                i++;
            } else if (c == '_') {
                i += i + 1 < n && s.charAt(i + 1) == '_' ? 2 : 1;
            } else if (c == '-') {
                while (i < n && s.charAt(i) == '-') {
                    i++;
                }
            } else {
                return false;
            }
        }
    }

    /**
     * {@code (?:L(?:\.L)*|\[[0-9a-fA-F:.]+\])(?::[0-9]{1,5})?} with {@code L = [a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?}:
     * a registry host (name or bracketed IPv6 address) with an optional port.
     */
    static boolean isHost(String s) {
        int n = s.length();
        int end;
        if (n > 0 && s.charAt(0) == '[') {
            end = s.indexOf(']');
            if (end < 2) {
                return false;
            }
            for (int i = 1; i < end; i++) {
                char c = s.charAt(i);
                if (!(isHex(c) || c == ':' || c == '.')) {
                    return false;
                }
            }
            end++;
        } else {
            end = s.indexOf(':');
            if (end < 0) {
                end = n;
            }
            int label = 0;
            for (int i = 0; i <= end; i++) {
                if (i == end || s.charAt(i) == '.') {
                    if (i == label || !isAlnum(s.charAt(label)) || !isAlnum(s.charAt(i - 1))) {
                        return false;
                    }
                    label = i + 1;
                } else if (!(isAlnum(s.charAt(i)) || s.charAt(i) == '-')) {
                    return false;
                }
            }
        }
        if (end == n) {
            return true;
        }
        if (s.charAt(end) != ':' || n - end - 1 < 1 || n - end - 1 > 5) {
            return false;
        }
        for (int i = end + 1; i < n; i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@code [\w][\w.-]{0,127}}: a tag. */
    static boolean isTag(String s) {
        int n = s.length();
        if (n < 1 || n > 128 || !isWord(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = s.charAt(i);
            if (!(isWord(c) || c == '.' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code [a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}}: a digest of any algorithm. */
    static boolean isDigest(String s) {
        int colon = s.indexOf(':');
        if (colon < 0 || s.length() - colon - 1 < 32) {
            return false;
        }
        boolean needAlnum = true;
        for (int i = 0; i < colon; i++) {
            char c = s.charAt(i);
            if (isLowerAlnum(c)) {
                needAlnum = false;
            } else if (!needAlnum && (c == '.' || c == '+' || c == '_' || c == '-')) {
                needAlnum = true;
            } else {
                return false;
            }
        }
        if (needAlnum) {
            return false;
        }
        for (int i = colon + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isAlnum(c) || c == '=' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** {@code sha256:[a-f0-9]{64}}. */
    static boolean isSha256(String s) {
        return s.length() == 71 && s.startsWith("sha256:") && isLowerHex(s, 7);
    }

    /** {@code [0-9a-f]{64}}: a sha256 as sha256sum prints it. */
    static boolean isSha256Hex(String s) {
        return s.length() == 64 && isLowerHex(s, 0);
    }

    private static boolean isLowerHex(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(isDigit(c) || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLowerAlnum(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'z');
    }

    private static boolean isAlnum(char c) {
        return isLowerAlnum(c) || (c >= 'A' && c <= 'Z');
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWord(char c) {
        return isAlnum(c) || c == '_';
    }
}
