package io.forkliftvddk.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Each hand-written check of {@link ReferenceSyntax} against the regular expression it replaces, on many strings. */
class ReferenceSyntaxTest {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern HOST = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:.]+\\])(?::[0-9]{1,5})?");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[a-f0-9]{64}");

    /** Characters that matter to one grammar or another, and some that matter to none. */
    private static final String ALPHABET = "az09AZfF._-_-+=:[]/@ é";

    @Test
    void componentsAsTheRegex() {
        int accepted = same("component", COMPONENT, ReferenceSyntax::isComponent, List.of("", "a", "a.b", "a__b", "a___b", "a_b", "a--b",
                "a-", "-a", "a._b", "a.", "A", "ab9", "a__", "a-_-b"), 0, 10);
        bothAnswers("component", accepted, 200_000);
    }

    @Test
    void hostsAsTheRegex() {
        int accepted = same("host", HOST, ReferenceSyntax::isHost, List.of("", "localhost", "127.0.0.1:5000", "a:", "a:123456", ":5000",
                "[::1]", "[::1]:5000", "[]", "[::1", "a-.b", "a.-b", "a..b", "A-b.C", "[fe80::1%25]", "quay.io:443",
                "[::1]x", "a:5:0"), 0, 12);
        bothAnswers("host", accepted, 200_000);
    }

    @Test
    void tagsAsTheRegex() {
        int accepted = same("tag", TAG, ReferenceSyntax::isTag, List.of("", "8.0.1", ".x", "-x", "_x", "x".repeat(128), "x".repeat(129),
                "x".repeat(127) + "-"), 0, 10);
        bothAnswers("tag", accepted, 200_000);
        Random r = new Random(7);
        int long1 = 0;
        for (int i = 0; i < 2_000; i++) {
            String s = random(r, 126 + r.nextInt(5), "aZ9_.-".repeat(20) + "é");
            boolean expected = TAG.matcher(s).matches();
            assertThat(ReferenceSyntax.isTag(s)).as("tag %s", s).isEqualTo(expected);
            long1 += expected ? 1 : 0;
        }
        assertThat(long1).as("long random tags the regex accepts").isBetween(100, 1_900);
    }

    @Test
    void digestsAsTheRegex() {
        String hex = "0123456789abcdef".repeat(4);
        same("digest", DIGEST, ReferenceSyntax::isDigest, List.of("", "sha256:" + hex, "sha256:" + hex.substring(0, 31),
                "sha256:" + hex.substring(0, 32), "sha256+b64u:" + hex, "sha256.:" + hex, ".sha256:" + hex, "SHA256:" + hex,
                "sha256:" + hex + ":x", "sha256:" + hex.toUpperCase() + "=="), 0, 8);
        Random r = new Random(11);
        int accepted = 0;
        for (int i = 0; i < 50_000; i++) {
            String s = random(r, r.nextInt(8), "az09.+_-:") + ":" + random(r, 30 + r.nextInt(6), "aZ09=_-".repeat(30) + ":+.");
            boolean expected = DIGEST.matcher(s).matches();
            assertThat(ReferenceSyntax.isDigest(s)).as("digest %s", s).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        bothAnswers("digest", accepted, 50_000);
    }

    @Test
    void sha256AsTheRegex() {
        String hex = "0123456789abcdef".repeat(4);
        same("sha256", SHA256, ReferenceSyntax::isSha256, List.of("sha256:" + hex, "sha256:" + hex.toUpperCase(),
                "sha256:" + hex + "0", "sha256:" + hex.substring(1), "sha512:" + hex, "sha256:" + hex.substring(1) + "g"), 0, 8);
        Random r = new Random(13);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String s = "sha256:" + random(r, 63 + r.nextInt(3), "0af9".repeat(100) + "gA");
            boolean expected = SHA256.matcher(s).matches();
            assertThat(ReferenceSyntax.isSha256(s)).as("sha256 %s", s).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        bothAnswers("sha256", accepted, 20_000);
    }

    @Test
    void sha256HexAsTheRegex() {
        Pattern hex64 = Pattern.compile("[0-9a-f]{64}");
        Random r = new Random(17);
        int accepted = 0;
        for (int i = 0; i < 20_000; i++) {
            String s = random(r, 63 + r.nextInt(3), "0af9".repeat(100) + "gA:");
            boolean expected = hex64.matcher(s).matches();
            assertThat(ReferenceSyntax.isSha256Hex(s)).as("hex %s", s).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        bothAnswers("sha256 hex", accepted, 20_000);
        assertThat(ReferenceSyntax.isSha256Hex("")).isFalse();
    }

    /**
     * The given cases, then 200,000 random strings of the lengths given, over {@link #ALPHABET}; returns how many the
     * regex accepted.
     */
    private static int same(String what, Pattern regex, Predicate<String> check, List<String> cases, int min, int max) {
        int matched = 0;
        for (String s : cases) {
            assertThat(check.test(s)).as("%s %s", what, s).isEqualTo(regex.matcher(s).matches());
        }
        Random r = new Random(what.hashCode());
        for (int i = 0; i < 200_000; i++) {
            String s = random(r, min + r.nextInt(max - min + 1), ALPHABET);
            boolean expected = regex.matcher(s).matches();
            assertThat(check.test(s)).as("%s %s", what, s).isEqualTo(expected);
            matched += expected ? 1 : 0;
        }
        return matched;
    }

    /** A comparison that only ever saw one answer proves nothing. */
    private static void bothAnswers(String what, int accepted, int total) {
        assertThat(accepted).as("random %s strings the regex accepts", what).isGreaterThan(100).isLessThan(total - 100);
    }

    private static String random(Random r, int length, String alphabet) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
