package io.forkliftvddk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Holds {@link BuildImageFastPath} to picocli's model of build-image: it must know every option with the same arity,
 * give the same field values for argument lists that use all of them, and decline what picocli refuses.
 */
class BuildImageFastPathTest {

    /** Options the fast path leaves to picocli on purpose (help and version) or reads apart (-v). */
    private static final Set<String> NOT_IN_FAST_PATH = Set.of("-h", "--help", "-V", "--version", "-v", "--verbose");

    @TempDir
    Path dir;

    @Test
    void knowsEveryOptionOfBuildImageWithPicocliArity() {
        List<OptionSpec> options = buildImageModel().getCommandSpec().options();
        assertThat(options).hasSizeGreaterThan(30);
        for (OptionSpec o : options) {
            for (String name : o.names()) {
                if (NOT_IN_FAST_PATH.contains(name)) {
                    continue;
                }
                String expected = o.arity().max() == 0 ? "FLAG" : o.isMultiValue() ? "MULTI" : "SINGLE";
                assertThat(BuildImageFastPath.kindOf(name)).as("option %s", name).isEqualTo(expected);
            }
        }
    }

    @Test
    void setsTheSameValuesAsPicocli() {
        String kit = dir.resolve("kit.tar.gz").toString();
        List<List<String>> cases = List.of(
                List.of("build-image", "--tar", kit, "--tag", "r/v:1"),
                List.of("-v", "build-image", "--tar=" + kit, "--tag=r/v:1", "--tag", "quay.io/o/v:2"),
                List.of("-vv", "build-image", "--tar", kit, "--tag", "r/v:1"),
                List.of("--verbose", "-v", "build-image", "--tar", kit, "--tag", "r/v:1"),
                List.of("build-image", "-vv", "--tar", kit, "--tag", "r/v:1", "--verbose"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--push", "--vddk9-compat", "--immutable-tag",
                        "--push-insecure-skip-tls", "--registry-password-stdin", "--set-controller-image",
                        "--wait-rollout", "--token-stdin", "--insecure-skip-tls-verify"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--expect-sha256", "ab12", "--base-image",
                        "localhost:5000/base:1", "--platform", "amd64,linux/arm64", "--platform=arm64", "--output",
                        "oci:/tmp/x", "--ca-cert", "/a.pem", "--ca-cert=/b.pem", "--registry-username", "u",
                        "--authfile", "/auth.json", "--runtime", "podman", "--dockerfile", "/D", "--build-dir", "/b",
                        "--runtime-path=/usr/bin/podman", "--build-arg", "A=1", "--build-arg=B", "--runtime-opt",
                        "--isolation=chroot", "--runtime-opt=--network none", "-o", "json"),
                List.of("build-image", "--output-format=text", "--tar", kit, "--tag", "r/v:1", "--controller-image-ref",
                        "tag", "--mtv-namespace", "openshift-mtv", "--controller", "fc", "--rollout-timeout", "90s",
                        "--kubeconfig", "/k", "--context", "ctx", "--server", "https://127.0.0.1:6443",
                        "--certificate-authority", "/ca.pem"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--output-format", "json", "--rollout-timeout=PT2M",
                        "--runtime-opt", "--storage-driver vfs", "--tag", "r/v:2", "--build-arg", "C=x=y", "--expect-sha256="));
        for (List<String> c : cases) {
            String[] args = c.toArray(String[]::new);
            BuildImageCommand viaPicocli = picocli(args);
            BuildImageCommand fast = BuildImageFastPath.parse(args);
            assertThat(fast).as("fast path for %s", c).isNotNull();
            assertThat(values(fast)).as("values for %s", c).isEqualTo(values(viaPicocli));
            assertThat(fast.main.verbosity()).as("verbosity for %s", c).isEqualTo(viaPicocli.main.verbosity());
        }
    }

    @Test
    void everyOptionIsCoveredBySetsTheSameValuesAsPicocli() throws IOException {
        String source = Files.readString(Path.of("src/test/java/io/forkliftvddk/cli/BuildImageFastPathTest.java"));
        String cases = source.substring(source.indexOf("void setsTheSameValuesAsPicocli"), source.indexOf("void everyOptionIsCovered"));
        for (OptionSpec o : buildImageModel().getCommandSpec().options()) {
            if (!NOT_IN_FAST_PATH.contains(o.longestName())) {
                assertThat(cases).as("a case using %s", o.longestName()).contains("\"" + o.longestName());
            }
        }
    }

    @Test
    void declinesWhatPicocliRefusesOrMustPrint() {
        String kit = dir.resolve("kit.tar.gz").toString();
        List<List<String>> refused = List.of(
                List.of("build-image", "--tar", kit),
                List.of("build-image", "--tag", "r/v:1"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--push", "--push"),
                List.of("build-image", "--tar", kit, "--tar", kit, "--tag", "r/v:1"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "extra"),
                List.of("build-image", "--tar", kit, "--tag", "--push"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--base-image"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "-o", "yaml"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--rollout-timeout", "soon"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--no-such-option"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--help"),
                List.of("build-image", "-h"),
                List.of("--version"),
                List.of("-x", "build-image", "--tar", kit, "--tag", "r/v:1"));
        for (List<String> c : refused) {
            assertThat(BuildImageFastPath.parse(c.toArray(String[]::new))).as("fast path for %s", c).isNull();
        }
        // left to picocli by choice, whatever it makes of them
        List<List<String>> declined = List.of(
                List.of("build-image", "@args.txt"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--push=true"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "-ojson"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--runtime-opt", "-x"),
                List.of("build-image", "--tar", kit, "--tag", "r/v:1", "--platform", "amd64,"),
                List.of("-v", "build-image", "--tar", kit, "--tag", "r/v:1", "-v"),
                List.of("help", "build-image"));
        for (List<String> c : declined) {
            assertThat(BuildImageFastPath.parse(c.toArray(String[]::new))).as("fast path for %s", c).isNull();
        }
    }

    @Test
    void usageErrorsPrintAsPicocliPrintsThem() throws IOException {
        Path kit = Files.write(dir.resolve("kit.tar.gz"), new byte[] {1});
        List<List<String>> cases = List.of(
                List.of("build-image", "--tar", dir.resolve("missing.tar.gz").toString(), "--tag", "r/v:1"),
                List.of("build-image", "--tar", kit.toString(), "--tag", "r/v:1", "--registry-username", "u"),
                List.of("build-image", "--tar", kit.toString(), "--tag", "Not A Reference"),
                List.of("build-image", "--tar", kit.toString(), "--tag", "r/v:1", "--set-controller-image"));
        for (List<String> c : cases) {
            String[] args = c.toArray(String[]::new);
            StringWriter fastErr = new StringWriter();
            StringWriter fastOut = new StringWriter();
            int fast = BuildImageFastPath.run(args, new PrintWriter(fastOut), new PrintWriter(fastErr));
            StringWriter err = new StringWriter();
            StringWriter out = new StringWriter();
            int picocli = Main.run(args, new PrintWriter(out), new PrintWriter(err));
            assertThat(fast).as("exit code for %s", c).isEqualTo(2).isEqualTo(picocli);
            assertThat(fastErr.toString()).as("stderr for %s", c).isEqualTo(err.toString()).contains("Usage:");
            assertThat(fastOut.toString()).isEqualTo(out.toString());
        }
    }

    /** The point of the fast path: a build-image run, even a failing one, loads no picocli class. */
    @Test
    void aBuildImageRunLoadsNoPicocliClass() throws Exception {
        Path kit = Files.write(dir.resolve("VMware-vix-disklib-8.0.1-21562716.x86_64.tar.gz"), new byte[] {1, 2, 3});
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xlog:class+load=info:stdout",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "build-image", "--tar", kit.toString(),
                "--tag", "127.0.0.1:1/vddk:8", "--base-image", "127.0.0.1:1/base:1", "--runtime", "builtin",
                "--output", "oci:" + dir.resolve("layout")));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(output).isEqualTo(1);
        assertThat(output).contains("Error: ").contains("io.forkliftvddk.cli.BuildImageFastPath ")
                .doesNotContain(" picocli.");
    }

    private static CommandLine buildImageModel() {
        return Main.commandLine().getSubcommands().get("build-image");
    }

    private static BuildImageCommand picocli(String... args) {
        CommandLine.ParseResult r = Main.commandLine(CommandLine.defaultFactory(), args).parseArgs(args);
        return (BuildImageCommand) r.subcommand().commandSpec().userObject();
    }

    /** Every option field of the command and its mixins, by path (picocli's own spec and parent left out). */
    private static Map<String, Object> values(Object command) {
        Map<String, Object> values = new TreeMap<>();
        collect("", command, values);
        return values;
    }

    private static void collect(String prefix, Object object, Map<String, Object> values) {
        for (Field f : object.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getType() == Main.class
                    || f.getType().getName().startsWith("picocli.")) {
                continue;
            }
            f.setAccessible(true);
            Object v;
            try {
                v = f.get(object);
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
            if (v != null && v.getClass().getPackageName().equals(BuildImageCommand.class.getPackageName())
                    && !v.getClass().isEnum()) {
                collect(prefix + f.getName() + ".", v, values);
            } else {
                values.put(prefix + f.getName(), v instanceof List<?> l ? List.copyOf(l) : v == null ? "null" : v);
            }
        }
        assertThat(values).isNotEmpty();
        assertThat(Arrays.asList(object.getClass().getDeclaredFields())).isNotEmpty();
    }
}
