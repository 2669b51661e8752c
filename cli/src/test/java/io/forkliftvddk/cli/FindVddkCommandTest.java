package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FindVddkCommandTest {

    @TempDir
    Path tmp;
    Path kits;

    record Run(int exit, String out, String err) {
    }

    static Run run(InputStream stdin, String... args) {
        return run(stdin, java.util.Map.of(), args);
    }

    static Run run(InputStream stdin, java.util.Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                return cls == FindVddkCommand.class ? cls.cast(new FindVddkCommand(stdin, env)) : CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cl = Main.commandLine(factory, args);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(new ByteArrayInputStream(new byte[0]), args);
    }

    static String kitName(String v) {
        return "VMware-vix-disklib-" + v + ".x86_64.tar.gz";
    }

    @BeforeEach
    void kits() throws Exception {
        kits = Files.createDirectories(tmp.resolve("kits"));
        Files.write(kits.resolve(kitName("8.0.1-21562716")), new byte[] {1, 2, 3});
        Files.write(kits.resolve(kitName("8.0.3-23950268")), new byte[] {4, 5, 6, 7});
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(new byte[] {4, 5, 6, 7}));
        Files.writeString(kits.resolve("SHA256SUMS"), sha + "  " + kitName("8.0.3-23950268") + "\n");
    }

    @Test
    void findsTheNewestKitAsJson() throws Exception {
        Run r = run("find-vddk", "--source", kits.toString(), "-o", "json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertThat(j.get("found").asBoolean()).isTrue();
        assertThat(j.get("version").asText()).isEqualTo("8.0.3-23950268");
        assertThat(j.get("name").asText()).isEqualTo(kitName("8.0.3-23950268"));
        assertThat(j.get("location").asText()).isEqualTo(kits.resolve(kitName("8.0.3-23950268")).toString());
        assertThat(j.get("size").asLong()).isEqualTo(4);
        assertThat(j.get("sha256").asText()).hasSize(64);
        assertThat(j.get("imageExists").isNull()).isTrue();
        assertThat(j.get("downloaded").isNull()).isTrue();
    }

    @Test
    void textOutputAndDownload() throws Exception {
        Path dl = tmp.resolve("dl");
        Run r = run("find-vddk", "--source", kits.toString(), "--newer-than", "8.0.1", "--download", dl.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("Newest VDDK: 8.0.3-23950268").contains("Downloaded to " + dl.resolve(kitName("8.0.3-23950268")))
                .contains("(sha256 verified)");
        assertThat(dl.resolve(kitName("8.0.3-23950268"))).hasBinaryContent(new byte[] {4, 5, 6, 7});
        assertThat(r.err()).contains("Found 2 VDDK kits");
    }

    @Test
    void nothingNewIsExitCode3() {
        Run r = run("find-vddk", "--source", kits.toString(), "--newer-than", "8.0.3");
        assertThat(r.exit()).isEqualTo(3);
        assertThat(r.out()).contains("No VDDK kit in " + kits + " matches newer than 8.0.3.");
        Run j = run("find-vddk", "--source", kits.toString(), "--same-major", "9", "-o", "json");
        assertThat(j.exit()).isEqualTo(3);
        assertThat(j.out()).contains("\"found\": false");
    }

    @Test
    void failuresAreExitCode1WithoutAStackTrace() {
        Run r = run("find-vddk", "--source", tmp.resolve("missing").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("Error: cannot list VDDK kits in " + tmp.resolve("missing")).doesNotContain("\tat ");
        Run http = run("find-vddk", "--source", "http://127.0.0.1:1/kits/");
        assertThat(http.exit()).isEqualTo(1);
        assertThat(http.err()).contains("connection refused");
    }

    @Test
    void usageErrorsAreExitCode2() {
        assertThat(run("find-vddk").exit()).isEqualTo(2);
        Run v = run("find-vddk", "--source", kits.toString(), "--newer-than", "eight");
        assertThat(v.exit()).isEqualTo(2);
        assertThat(v.err()).contains("newer than: invalid VDDK version 'eight'");
        assertThat(run("find-vddk", "--source", kits.toString(), "--name-pattern", "(").exit()).isEqualTo(2);
        Run t = run("find-vddk", "--source", kits.toString(), "--image-repository", "127.0.0.1:5000/vddk", "--tag-template", "{ver}");
        assertThat(t.exit()).isEqualTo(2);
        assertThat(t.err()).contains("unknown placeholder {ver}");
        assertThat(run("find-vddk", "--source", kits.toString(), "--image-repository", "quay.io/org/vddk:8").err())
                .contains("must not have a tag");
        assertThat(run("find-vddk", "--source", kits.toString(), "-o", "yaml").exit()).isEqualTo(2);
        assertThat(run("find-vddk", "--source", "https://h/kits/", "--username", "u").err()).contains("--username needs --password-stdin");
        Run both = run(new ByteArrayInputStream("pw\n".getBytes(StandardCharsets.UTF_8)), "find-vddk", "--source", "https://h/kits/",
                "--username", "u", "--password-stdin", "--image-repository", "127.0.0.1:5000/vddk",
                "--registry-username", "r", "--registry-password-stdin");
        assertThat(both.exit()).isEqualTo(2);
        assertThat(both.err()).contains("only one of --password-stdin, --token-stdin and --registry-password-stdin");
        assertThat(run("find-vddk", "--source", kits.toString(), "--token-stdin").err()).contains("http(s) sources only");
        assertThat(run(new ByteArrayInputStream(new byte[0]), "find-vddk", "--source", "https://h/kits/", "--token-stdin").err())
                .contains("--token-stdin: standard input was empty");
    }

    @Test
    void helpDocumentsTheExitCodes() {
        Run r = run("find-vddk", "--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Exit codes:").contains("3   nothing new").contains("--tag-template")
                .contains("{version}");
        assertThat(run("--help").out()).contains("find-vddk");
    }

    @Test
    void httpSourcesGoThroughHttpProxyFromTheEnvironment() throws Exception {
        // a JDK server plays the proxy: it answers absolute-form requests for a host only it can "reach"
        com.sun.net.httpserver.HttpServer proxy = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        java.util.List<String> seen = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        proxy.createContext("/", ex -> {
            seen.add(ex.getRequestURI().toString());
            byte[] body = ("<a href=\"" + kitName("8.0.3-23950268") + "\">k</a>").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(ex.getRequestURI().getPath().endsWith("/") ? 200 : 404, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        proxy.start();
        try {
            String p = "127.0.0.1:" + proxy.getAddress().getPort();
            Run r = run(new ByteArrayInputStream(new byte[0]), java.util.Map.of("http_proxy", p, "NO_PROXY", "example.org"),
                    "find-vddk", "--source", "http://kits.invalid/vddk/", "-o", "json");
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"location\": \"http://kits.invalid/vddk/" + kitName("8.0.3-23950268") + "\"");
            assertThat(seen).contains("http://kits.invalid/vddk/");
            Run bypass = run(new ByteArrayInputStream(new byte[0]), java.util.Map.of("HTTP_PROXY", p, "no_proxy", ".invalid"),
                    "find-vddk", "--source", "http://kits.invalid/vddk/");
            assertThat(bypass.exit()).isEqualTo(1);
        } finally {
            proxy.stop(0);
        }
    }

    @Test
    void downloadIsSkippedWhenThereIsNothingToBuild() throws Exception {
        Path dl = tmp.resolve("dl");
        Run r = run("find-vddk", "--source", kits.toString(), "--newer-than", "9", "--download", dl.toString());
        assertThat(r.exit()).isEqualTo(3);
        assertThat(dl).doesNotExist();
        try (Stream<Path> s = Files.list(kits)) {
            assertThat(s).hasSize(3);
        }
    }
}
