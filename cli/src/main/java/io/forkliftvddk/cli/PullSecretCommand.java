package io.forkliftvddk.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.pullsecret.PullSecretRequest;
import io.forkliftvddk.core.forklift.pullsecret.PullSecretResult;
import io.forkliftvddk.core.forklift.pullsecret.PullSecrets;
import io.forkliftvddk.core.spi.Listener;
import io.forkliftvddk.core.spi.Secret;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code pull-secret}: registry credentials where Forklift pulls the VDDK image (the migration target namespaces). */
@Command(name = "pull-secret", mixinStandardHelpOptions = true,
        description = "Create or update a dockerconfigjson Secret in the target namespaces and append it to a ServiceAccount's imagePullSecrets.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every namespace has the Secret", "1:the change failed", "2:invalid usage"})
public final class PullSecretCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;
    @Mixin
    KubeOptions kube;

    @Option(names = "--registry", required = true, paramLabel = "HOST", description = "Registry host[:port] as in the image reference.")
    String registry;
    @Option(names = "--username", required = true, paramLabel = "USER", description = "Registry user.")
    String username;
    @Option(names = "--password-stdin", required = true, description = "Read the registry password or token from standard input.")
    boolean passwordStdin;
    @Option(names = {"-n", "--namespace"}, required = true, split = ",", paramLabel = "NS", description = "Target namespaces (repeatable or comma-separated).")
    List<String> namespaces = new ArrayList<>();
    @Option(names = "--service-account", paramLabel = "SA", description = "ServiceAccount to append the Secret to (default: default).")
    String serviceAccount;
    @Option(names = "--secret-name", paramLabel = "NAME", description = "Secret name (default: " + PullSecretRequest.DEFAULT_SECRET_NAME + ").")
    String secretName;
    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text or json (default: text).")
    String output = "text";

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (!List.of("text", "json").contains(output)) {
                throw ForkliftException.invalid("invalid output format: " + output + ". Valid formats are: text, json");
            }
            if (kube.tokenStdin) {
                // one standard input cannot carry two secrets; reading the password first would starve the token
                throw ForkliftException.invalid("only one secret can come from standard input: --password-stdin carries"
                        + " the registry password, so connect with --kubeconfig instead of --server --token-stdin");
            }
            String pw = KubeOptions.readStdin(System.in);
            pw = pw.endsWith("\n") ? pw.substring(0, pw.length() - 1) : pw;
            Listener l = ForkliftCli.listener(spec);
            PullSecretResult r;
            try (KubernetesClient c = kube.resolve(System.in, l).connect()) {
                r = new PullSecrets(c, l).apply(new PullSecretRequest(registry, username, Secret.of(pw), namespaces, secretName, serviceAccount));
            }
            if (output.equals("json")) {
                out.print(SettingsCommand.write("json", r));
            } else {
                for (PullSecretResult.Entry e : r.entries()) {
                    out.println(e.namespace() + "/" + e.secretName() + ": " + e.secret() + "; ServiceAccount " + e.serviceAccount() + ": "
                            + (e.appended() ? "appended" : "already listed"));
                }
            }
            out.flush();
            return ForkliftCli.OK;
        } catch (RuntimeException e) {
            return ForkliftCli.fail(err, e);
        }
    }
}
