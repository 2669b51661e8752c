package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.model.Computer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.forkliftvddk.core.forklift.KubeConnection;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup;
import io.forkliftvddk.core.steps.ForkliftStepRunner;
import io.forkliftvddk.core.steps.KubeAccess;
import io.forkliftvddk.core.steps.KubeParameters;
import io.forkliftvddk.core.steps.StepException;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;
import jenkins.util.SetContextClassLoader;

/**
 * The Kubernetes side of the cluster steps: core decides where the connection comes from ({@link KubeParameters#resolve});
 * this reads a {@code KUBECONFIG} file set by the build ({@code withKubeConfig}) where it lives (the node, through the
 * workspace's channel; never outside {@code node {}}), and opens fabric8 clients inside the context-class-loader switch the kubernetes plugin uses (fabric8 finds
 * its HTTP client by ServiceLoader). Never the controller's own {@code ~/.kube/config}: core builds every client from
 * {@code Config.empty()} or the kubeconfig text.
 */
final class KubeConnections {

    private KubeConnections() {
    }

    /**
     * @param env       the build's environment (Pipeline: the step context's, with withKubeConfig/withEnv/withCredentials)
     * @param workspace the step's workspace; null outside {@code node {}}, where core refuses a build-set KUBECONFIG
     *                  (it would name a controller file) and ignores the controller's own
     */
    static KubeConnection resolve(KubeParameters parameters, CredentialLookup lookup, Map<String, String> env,
                                  @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        KubeAccess access;
        try {
            access = parameters.resolve(lookup, VddkGlobalConfiguration.get().toDefaults(), env, nodeEnvironment(workspace),
                    workspace != null);
        } catch (StepException e) {
            throw new AbortException(e.getMessage());
        }
        if (access.source() == KubeAccess.Source.KUBECONFIG_FILE) {
            if (workspace == null) {
                throw new AbortException("KUBECONFIG can only be read inside node {}"); // core refuses this case already
            }
            FilePath file = workspace.child(access.kubeconfigPath());
            if (!file.exists()) {
                throw new AbortException("KUBECONFIG names " + access.kubeconfigPath() + ", which does not exist on the node");
            }
            access = access.withKubeconfigContent(Secret.of(file.readToString()));
        }
        return ForkliftStepRunner.connection(access);
    }

    /**
     * The process environment of the node the workspace is on (the controller's for the built-in node, and outside a
     * node): a build's environment starts from it, so core can tell a KUBECONFIG the build set from the node's own.
     */
    static Map<String, String> nodeEnvironment(@CheckForNull FilePath workspace) throws IOException, InterruptedException {
        Computer node = workspace == null ? null : workspace.toComputer();
        return node != null ? node.getEnvironment() : new EnvVars(EnvVars.masterEnvVars);
    }

    /** Opens clients with the plugin's class loader as context class loader. */
    static Function<KubeConnection, KubernetesClient> connector() {
        return connection -> {
            try (SetContextClassLoader ignored = new SetContextClassLoader(KubeConnections.class)) {
                return connection.connect();
            }
        };
    }
}
