package io.forkliftvddk.core.steps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The plugin module cannot be compiled here (its parent and dependencies live only in the Jenkins repository), so this
 * test reads its sources as text and checks what can be checked mechanically: data binding (every parameter has a
 * getter, a Jelly field and a help file), Step and Builder parity, the mapping of every parameter to a core record
 * component, the function names and {@code @Symbol}s, the form methods' guards, and that only Jenkins APIs verified
 * against the reference are imported.
 */
class PluginSourcesTest {

    private static final Path PLUGIN = locate();
    private static final Path JAVA = PLUGIN.resolve("src/main/java/io/jenkins/plugins/forkliftvddk");
    private static final Path RESOURCES = PLUGIN.resolve("src/main/resources/io/jenkins/plugins/forkliftvddk");

    /** Step class → builder class (null: no builder), function name, builder symbol, core record. */
    private record Pair(String step, String builder, String function, String symbol, Class<?> record) {
    }

    private static final List<Pair> PAIRS = List.of(
            new Pair("BuildVddkImageStep", "BuildVddkImageBuilder", "buildVddkImage", "vddkImageBuild", BuildImageParameters.class),
            new Pair("ConfigureForkliftStep", "ConfigureForkliftBuilder", "configureForklift", "forkliftConfigure",
                    ConfigureForkliftParameters.class),
            new Pair("CreateVsphereProviderStep", "CreateVsphereProviderBuilder", "createVsphereProvider", "vsphereProviderCreate",
                    CreateProviderParameters.class),
            new Pair("FindVddkArchiveStep", "FindVddkArchiveBuilder", "findVddkArchive", "vddkFindArchive",
                    FindArchiveParameters.class));

    /** Step parameter names that differ from the record component (a record cannot have a component named wait). */
    private static final Map<String, Map<String, String>> ALIASES = Map.of(
            "ConfigureForkliftParameters", Map.of("wait", "waitForRollout"),
            "CreateProviderParameters", Map.of("wait", "waitForReady"),
            "BuildImageParameters", Map.of("registry", "registryEndpointUrl"));

    private static Path locate() {
        for (Path p : List.of(Path.of("../plugin"), Path.of("plugin"))) {
            if (Files.isDirectory(p.resolve("src/main/java"))) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new AssertionError("the plugin module's sources were not found next to core (../plugin)");
    }

    private static String java(String cls) throws IOException {
        return Files.readString(JAVA.resolve(cls + ".java"));
    }

    /** Parameters: @DataBoundConstructor arguments and @DataBoundSetter properties, in source order. */
    static List<String> parameters(String source) {
        Set<String> out = new LinkedHashSet<>();
        Matcher ctor = Pattern.compile("@DataBoundConstructor\\s+public \\w+\\(([^)]*)\\)").matcher(source);
        if (ctor.find() && !ctor.group(1).isBlank()) {
            for (String arg : ctor.group(1).split(",")) {
                String[] words = arg.trim().split("\\s+");
                out.add(words[words.length - 1]);
            }
        }
        Matcher setter = Pattern.compile("@DataBoundSetter\\s+public void set(\\w+)\\(").matcher(source);
        while (setter.find()) {
            out.add(decap(setter.group(1)));
        }
        return new ArrayList<>(out);
    }

    private static String decap(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static String cap(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    static Set<String> jellyFields(Path jelly) throws IOException {
        Set<String> fields = new TreeSet<>();
        Matcher m = Pattern.compile("field=\"(\\w+)\"").matcher(Files.readString(jelly));
        while (m.find()) {
            fields.add(m.group(1));
        }
        return fields;
    }

    private static List<String> describables() throws IOException {
        List<String> classes = new ArrayList<>();
        for (Pair p : PAIRS) {
            classes.add(p.step());
            if (p.builder() != null) {
                classes.add(p.builder());
            }
        }
        classes.addAll(List.of("VddkReleaseTrigger", "VddkGlobalConfiguration", "ForkliftSetting"));
        return classes;
    }

    @Test
    void everyParameterHasAGetterAJellyFieldAndAHelpFile() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String cls : describables()) {
            String src = java(cls);
            List<String> params = parameters(src);
            assertThat(params).as(cls + " parameters").isNotEmpty();
            Path dir = RESOURCES.resolve(cls);
            Set<String> fields = jellyFields(dir.resolve("config.jelly"));
            for (String p : params) {
                boolean inherited = cls.equals("VddkReleaseTrigger") && p.equals("spec"); // Trigger.getSpec() is final
                if (!inherited && !Pattern.compile("public [\\w<>, ?]+ (get|is)" + cap(p) + "\\(\\)").matcher(src).find()) {
                    problems.add(cls + "." + p + ": no public getter");
                }
                if (!fields.contains(p)) {
                    problems.add(cls + "." + p + ": no field=\"" + p + "\" in config.jelly");
                }
                if (!Files.isRegularFile(dir.resolve("help-" + p + ".html"))) {
                    problems.add(cls + "." + p + ": no help-" + p + ".html");
                }
            }
            for (String f : fields) {
                if (!params.contains(f)) {
                    problems.add(cls + ": config.jelly field " + f + " is not a parameter");
                }
            }
            if (!cls.equals("VddkGlobalConfiguration") && !Files.isRegularFile(dir.resolve("help.html"))) {
                problems.add(cls + ": no help.html");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void jellyFilesAreWellFormedAndEscapeByDefault() throws Exception {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        try (Stream<Path> files = Files.walk(RESOURCES.getParent().getParent().getParent().getParent())) {
            for (Path jelly : files.filter(f -> f.toString().endsWith(".jelly")).toList()) {
                String text = Files.readString(jelly);
                assertThat(text).as(jelly.toString()).startsWith("<?jelly escape-by-default='true'?>");
                factory.newDocumentBuilder().parse(jelly.toFile());
                // an apostrophe inside ${%...} would be a MessageFormat quote
                assertThat(Pattern.compile("\\$\\{%[^}]*'").matcher(text).find()).as(jelly + " ${%...} with an apostrophe").isFalse();
            }
        }
        try (Stream<Path> files = Files.walk(RESOURCES)) {
            for (Path html : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                String text = Files.readString(html).strip();
                assertThat(text).as(html.toString()).startsWith("<div>").endsWith("</div>");
                factory.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            }
        }
    }

    @Test
    void stepAndBuilderTakeTheSameParametersWithTheSameForms() throws IOException {
        for (Pair p : PAIRS) {
            if (p.builder() == null) {
                continue;
            }
            String step = java(p.step());
            String builder = java(p.builder());
            assertThat(new TreeSet<>(parameters(builder))).as(p.builder()).isEqualTo(new TreeSet<>(parameters(step)));
            assertThat(Files.readString(RESOURCES.resolve(p.builder()).resolve("config.jelly")))
                    .isEqualTo(Files.readString(RESOURCES.resolve(p.step()).resolve("config.jelly")));
            assertThat(formMethods(builder)).as(p.builder() + " form methods").isEqualTo(formMethods(step));
        }
    }

    private static Set<String> formMethods(String src) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("public (?:FormValidation|ListBoxModel) (do(?:Check|Fill)\\w+)\\(").matcher(src);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @Test
    void everyParameterMapsToACoreRecordComponent() throws IOException {
        Set<String> kube = Arrays.stream(KubeParameters.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toSet());
        for (Pair p : PAIRS) {
            Set<String> components = Arrays.stream(p.record().getRecordComponents()).map(RecordComponent::getName)
                    .collect(Collectors.toSet());
            Map<String, String> aliases = ALIASES.getOrDefault(p.record().getSimpleName(), Map.of());
            String src = java(p.step());
            String toParameters = src.substring(src.indexOf("toParameters() {"), src.indexOf("public StepExecution start("));
            for (String param : parameters(src)) {
                String component = aliases.getOrDefault(param, param);
                if (kube.contains(param)) {
                    assertThat(components).as(p.record().getSimpleName()).contains("kube");
                    assertThat(toParameters).contains("new KubeParameters(").contains(param);
                } else {
                    assertThat(components).as(p.step() + "." + param + " in " + p.record().getSimpleName()).contains(component);
                    assertThat(toParameters).as(p.step() + ".toParameters() sets " + component).contains("." + component + "(");
                }
            }
            // and no record component is forgotten by the step
            Set<String> mapped = parameters(src).stream().map(x -> aliases.getOrDefault(x, x)).collect(Collectors.toSet());
            mapped.add("kube");
            if (p.record() == BuildImageParameters.class) {
                mapped.add("registryEndpointUrl");
            }
            assertThat(components).as(p.step() + " covers " + p.record().getSimpleName()).isSubsetOf(mapped);
        }
        String trigger = java("VddkReleaseTrigger");
        Set<String> triggerComponents = Arrays.stream(ReleaseTriggerParameters.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(parameters(trigger))).isEqualTo(triggerComponents);
        Set<String> global = Arrays.stream(GlobalDefaults.class.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(new TreeSet<>(parameters(java("VddkGlobalConfiguration")))).isEqualTo(global);
    }

    @Test
    void functionNamesAndSymbols() throws IOException {
        for (Pair p : PAIRS) {
            String step = java(p.step());
            assertThat(step).contains("return \"" + p.function() + "\";").contains("extends Step {")
                    .contains("extends StepDescriptor");
            assertThat(step).doesNotContain("@Symbol");
            if (p.builder() != null) {
                String builder = java(p.builder());
                assertThat(builder).contains("@Symbol(\"" + p.symbol() + "\")").contains("implements SimpleBuildStep")
                        .contains("extends BuildStepDescriptor<Builder>");
                assertThat(p.symbol()).isNotEqualTo(p.function());
            }
        }
        assertThat(java("VddkReleaseTrigger")).contains("@Symbol(\"vddkRelease\")").contains("extends Trigger<Job<?, ?>>");
        assertThat(java("VddkGlobalConfiguration")).contains("@Symbol(\"forkliftVddk\")").contains("extends GlobalConfiguration");
        assertThat(java("ForkliftSetting")).contains("@Symbol(\"forkliftSetting\")");
    }

    @Test
    void requiredContext() throws IOException {
        assertThat(java("BuildVddkImageStep"))
                .contains("Set.of(Run.class, TaskListener.class, FilePath.class, Launcher.class, EnvVars.class)");
        for (String cluster : List.of("ConfigureForkliftStep", "CreateVsphereProviderStep", "FindVddkArchiveStep")) {
            assertThat(java(cluster)).as(cluster + " runs outside node {}").contains("Set.of(Run.class, TaskListener.class)");
        }
        for (String builder : List.of("ConfigureForkliftBuilder", "CreateVsphereProviderBuilder", "FindVddkArchiveBuilder")) {
            assertThat(java(builder)).contains("public boolean requiresWorkspace()")
                    .contains("perform(@NonNull Run<?, ?> run, @NonNull EnvVars env, @NonNull TaskListener listener)");
        }
    }

    @Test
    void freestyleBuildersExportTheVariablesCoreComputes() throws IOException {
        assertThat(java("FindVddkArchiveBuilder")).contains("FindVddkArchiveRunner.run(toParameters(), run, listener)")
                .contains("run.addAction(VddkSummaryAction.archive(");
        assertThat(java("FindVddkArchiveStep")).contains("FindVddkArchiveRunner.run(step.toParameters(),");
        assertThat(java("VddkSummaryAction")).contains("EnvironmentVariables.fromFindResult(values)")
                .contains("EnvironmentVariables.fromBuildResult(values)");
    }

    @Test
    void kubeconfigFromTheBuildIsReadOnTheNodeOnly() throws IOException {
        String k = java("KubeConnections");
        assertThat(k).contains("parameters.resolve(lookup, VddkGlobalConfiguration.get().toDefaults(), env, nodeEnvironment(workspace),")
                .contains("workspace.child(access.kubeconfigPath())").doesNotContain("new java.io.File(").doesNotContain("new File(");
        for (String builder : List.of("ConfigureForkliftBuilder", "CreateVsphereProviderBuilder")) {
            assertThat(java(builder)).as(builder + " passes the freestyle workspace")
                    .contains("Runner.run(toParameters(), run, env, workspace, listener)");
        }
    }

    /** The docs' Pipeline examples use only parameters the steps have (a renamed parameter would break users' copies). */
    @Test
    void documentedExamplesUseExistingStepParameters() throws IOException {
        Path docs = PLUGIN.resolveSibling("docs");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> examples = Files.list(docs.resolve("examples"))) {
            files.addAll(examples.toList());
        }
        try (Stream<Path> pages = Files.list(docs)) {
            files.addAll(pages.filter(f -> f.getFileName().toString().startsWith("jenkins-")).toList());
        }
        List<String> problems = new ArrayList<>();
        int calls = 0;
        for (Pair pair : PAIRS) {
            Set<String> known = new TreeSet<>(parameters(java(pair.step())));
            Pattern call = Pattern.compile("\\b" + pair.function() + "\\b[ (]");
            for (Path f : files) {
                String text = Files.readString(f);
                if (f.toString().endsWith(".md")) {
                    // only the code blocks: prose mentions steps too
                    StringBuilder code = new StringBuilder();
                    Matcher block = Pattern.compile("(?s)```\\w*\\n(.*?)```").matcher(text);
                    while (block.find()) {
                        code.append(block.group(1)).append('\n');
                    }
                    text = code.toString();
                }
                Matcher m = call.matcher(text);
                while (m.find()) {
                    // the call's argument list: this line and the continuation lines after a trailing comma
                    StringBuilder args = new StringBuilder();
                    int pos = m.end();
                    while (true) {
                        int eol = text.indexOf('\n', pos);
                        String line = text.substring(pos, eol < 0 ? text.length() : eol);
                        args.append(line).append(' ');
                        if (eol < 0 || !line.strip().endsWith(",")) {
                            break;
                        }
                        pos = eol + 1;
                    }
                    String flat = args.toString().replaceAll("\\[[^\\]]*\\]", "[]").replaceAll("'[^']*'", "''");
                    Matcher key = Pattern.compile("(\\w+):\\s").matcher(flat);
                    while (key.find()) {
                        calls++;
                        if (!known.contains(key.group(1))) {
                            problems.add(docs.relativize(f) + ": " + pair.function() + " has no parameter " + key.group(1));
                        }
                    }
                }
            }
        }
        assertThat(calls).as("documented step arguments found").isGreaterThan(20);
        assertThat(problems).isEmpty();
    }

    @Test
    void everyFormMethodIsPostAndGuarded() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(JAVA)) {
            for (Path f : files.toList()) {
                String src = Files.readString(f);
                Matcher m = Pattern.compile("(@POST\\s+)?public (FormValidation|ListBoxModel) (do\\w+)\\(([^)]*)\\) \\{\\s*([^;]*;)").matcher(src);
                while (m.find()) {
                    String where = f.getFileName() + "." + m.group(3);
                    if (m.group(1) == null) {
                        problems.add(where + " is not @POST");
                    }
                    String body = m.group(5);
                    boolean guarded = body.contains("Forms.check(") || body.contains("Forms.checkCredentials(")
                            || body.contains("Forms.fillCredentials(") || body.contains("Forms.fillGlobalCredentials(")
                            || body.contains("Forms.items(") || body.contains("Forms.mayCheck(");
                    if (!guarded) {
                        problems.add(where + " does not go through Forms (permission guard)");
                    }
                    // the checked field must exist on the class
                    String field = m.group(3).replaceFirst("^do(Check|Fill)", "").replaceFirst("Items$", "");
                    if (!parameters(src).contains(decap(field))) {
                        problems.add(where + " is for no parameter of " + f.getFileName());
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    /** Every Jenkins type imported was checked against docs/reference (jenkins-api*.md) or the quoted sources. */
    private static final Set<String> VERIFIED_IMPORTS = Set.of(
            "com.cloudbees.plugins.credentials.CredentialsMatcher", "com.cloudbees.plugins.credentials.CredentialsMatchers",
            "com.cloudbees.plugins.credentials.CredentialsProvider", "com.cloudbees.plugins.credentials.common.IdCredentials",
            "com.cloudbees.plugins.credentials.common.StandardCredentials", "com.cloudbees.plugins.credentials.common.StandardListBoxModel",
            "com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials",
            "com.cloudbees.plugins.credentials.domains.DomainRequirement",
            "edu.umd.cs.findbugs.annotations.CheckForNull", "edu.umd.cs.findbugs.annotations.NonNull",
            "hudson.AbortException", "hudson.EnvVars", "hudson.Extension", "hudson.ExtensionList", "hudson.FilePath", "hudson.Launcher",
            "hudson.Util", "hudson.XmlFile", "hudson.model.AbstractDescribableImpl", "hudson.model.AbstractProject", "hudson.model.Action",
            "hudson.model.Cause", "hudson.model.CauseAction", "hudson.model.Computer", "hudson.model.Descriptor", "hudson.model.EnvironmentContributingAction",
            "hudson.model.InvisibleAction", "hudson.model.Item", "hudson.model.Job", "hudson.model.ParameterDefinition",
            "hudson.model.ParameterValue", "hudson.model.ParametersAction", "hudson.model.ParametersDefinitionProperty",
            "hudson.model.Queue", "hudson.model.Run", "hudson.model.StringParameterValue", "hudson.model.TaskListener",
            "hudson.model.queue.Tasks", "hudson.remoting.VirtualChannel", "hudson.scheduler.CronTabList", "hudson.scheduler.Hash",
            "hudson.security.ACL", "hudson.slaves.WorkspaceList", "hudson.tasks.BuildStepDescriptor", "hudson.tasks.Builder",
            "hudson.triggers.Trigger", "hudson.triggers.TriggerDescriptor", "hudson.util.ArgumentListBuilder",
            "hudson.util.FormValidation", "hudson.util.ListBoxModel", "hudson.util.SequentialExecutionQueue",
            "io.fabric8.kubernetes.client.KubernetesClient", "jenkins.MasterToSlaveFileCallable", "jenkins.model.GlobalConfiguration",
            "jenkins.model.Jenkins", "jenkins.model.ParameterizedJobMixIn", "jenkins.tasks.SimpleBuildStep",
            "jenkins.util.SetContextClassLoader", "net.sf.json.JSONObject", "org.jenkinsci.Symbol",
            "org.jenkinsci.plugins.docker.commons.credentials.DockerRegistryEndpoint",
            "org.jenkinsci.plugins.plaincredentials.FileCredentials", "org.jenkinsci.plugins.plaincredentials.StringCredentials",
            "org.jenkinsci.plugins.workflow.steps.Step", "org.jenkinsci.plugins.workflow.steps.StepContext",
            "org.jenkinsci.plugins.workflow.steps.StepDescriptor", "org.jenkinsci.plugins.workflow.steps.StepExecution",
            "org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution", "org.kohsuke.stapler.AncestorInPath",
            "org.kohsuke.stapler.DataBoundConstructor", "org.kohsuke.stapler.DataBoundSetter", "org.kohsuke.stapler.QueryParameter",
            "org.kohsuke.stapler.StaplerRequest2", "org.kohsuke.stapler.verb.POST", "org.springframework.security.core.Authentication");

    @Test
    void onlyVerifiedJenkinsApisAreImportedAndNoBannedOnes() throws IOException {
        Set<String> unverified = new TreeSet<>();
        try (Stream<Path> files = Files.list(JAVA)) {
            for (Path f : files.toList()) {
                Matcher m = Pattern.compile("^import (?:static )?([\\w.]+);", Pattern.MULTILINE).matcher(Files.readString(f));
                while (m.find()) {
                    String name = m.group(1);
                    if (name.startsWith("java.") || name.startsWith("io.forkliftvddk.core.")) {
                        continue;
                    }
                    if (!VERIFIED_IMPORTS.contains(name)) {
                        unverified.add(f.getFileName() + ": " + name);
                    }
                    // plugin-pom bans these (jenkins-api.md §1)
                    assertThat(name).doesNotStartWith("javax.servlet").doesNotStartWith("org.apache.commons.lang.")
                            .doesNotStartWith("javax.annotation").doesNotStartWith("org.acegisecurity");
                }
            }
        }
        assertThat(unverified).isEmpty();
    }

    @Test
    void secretsAreReadOnlyByTheCredentialLookup() throws IOException {
        try (Stream<Path> files = Files.list(JAVA)) {
            for (Path f : files.toList()) {
                String src = Files.readString(f);
                if (!f.getFileName().toString().equals("JenkinsCredentialLookup.java")) {
                    assertThat(src).as(f.toString()).doesNotContain("getPlainText()").doesNotContain(".reveal()")
                            .doesNotContain("findCredentialById");
                }
                assertThat(src).as(f + ": never the controller's own kube config").doesNotContain("autoConfigure")
                        .doesNotContain("new ConfigBuilder()");
            }
        }
    }

    @Test
    void bracesAndParenthesesBalance() throws IOException {
        try (Stream<Path> files = Files.list(JAVA)) {
            for (Path f : files.toList()) {
                String code = Files.readString(f).replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\\n]*", "")
                        .replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"").replaceAll("'(\\\\.|[^'\\\\])'", "''");
                assertThat(count(code, '{')).as(f + " braces").isEqualTo(count(code, '}'));
                assertThat(count(code, '(')).as(f + " parentheses").isEqualTo(count(code, ')'));
                assertThat(code).as(f.toString()).contains("package io.jenkins.plugins.forkliftvddk;");
            }
        }
    }

    private static long count(String s, char c) {
        return s.chars().filter(x -> x == c).count();
    }

    @Test
    void pomBundlesOnlyCoreAndTakesLibrariesFromApiPlugins() throws IOException {
        String pom = Files.readString(PLUGIN.resolve("pom.xml"));
        assertThat(pom).contains("<artifactId>plugin</artifactId>").contains("<packaging>hpi</packaging>")
                .contains("<jenkins.baseline>2.541</jenkins.baseline>").contains("<artifactId>bom-${jenkins.baseline}.x</artifactId>")
                .contains("<hpi.bundledArtifacts>forklift-vddk-core</hpi.bundledArtifacts>")
                .contains("<artifactId>kubernetes-client-api</artifactId>").contains("<artifactId>commons-compress-api</artifactId>")
                .contains("<artifactId>jackson2-api</artifactId>").contains("https://repo.jenkins-ci.org/public/");
        assertThat(Files.readString(PLUGIN.resolve("src/main/resources/index.jelly"))).startsWith("<?jelly escape-by-default='true'?>");
        // hpi.bundledArtifacts lists only core: every compile dependency of core must be excluded (an API plugin provides it)
        String corePom = Files.readString(PLUGIN.resolveSibling("core").resolve("pom.xml"));
        String deps = corePom.substring(corePom.indexOf("<dependencies>"), corePom.indexOf("</dependencies>"));
        String coreDependency = pom.substring(pom.indexOf("<artifactId>forklift-vddk-core</artifactId>"));
        String exclusions = coreDependency.substring(0, coreDependency.indexOf("</exclusions>"));
        Matcher dep = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL).matcher(deps);
        while (dep.find()) {
            String d = dep.group(1);
            if (d.contains("<scope>")) {
                continue;
            }
            Matcher artifact = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(d);
            assertThat(artifact.find()).isTrue();
            assertThat(exclusions).as("core compile dependency " + artifact.group(1) + " excluded from the plugin's bundle")
                    .contains("<artifactId>" + artifact.group(1) + "</artifactId>");
        }
    }
}
