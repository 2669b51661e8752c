package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.AbortException;
import hudson.FilePath;
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
 * this reads a {@code KUBECONFIG} file set by {@code withKubeConfig} where it lives (the agent, through the workspace's
 * channel), and opens fabric8 clients inside the context-class-loader switch the kubernetes plugin uses (fabric8 finds
 * its HTTP client by ServiceLoader). Never the controller's own {@code ~/.kube/config}: core builds every client from
 * {@code Config.empty()} or the kubeconfig text.
 */
final class KubeConnections {

    private KubeConnections() {
    }

    static KubeConnection resolve(KubeParameters parameters, CredentialLookup lookup, Map<String, String> env,
                                  @CheckForNull FilePath workspace) throws IOException, InterruptedException {
        KubeAccess access;
        try {
            access = parameters.resolve(lookup, VddkGlobalConfiguration.get().toDefaults(), env);
        } catch (StepException e) {
            throw new AbortException(e.getMessage());
        }
        if (access.source() == KubeAccess.Source.KUBECONFIG_FILE) {
            FilePath file = workspace != null ? workspace.child(access.kubeconfigPath()) : new FilePath(new java.io.File(access.kubeconfigPath()));
            if (!file.exists()) {
                throw new AbortException("KUBECONFIG names " + access.kubeconfigPath() + ", which does not exist"
                        + (workspace == null ? " on the controller (run the step inside node {} to read it on the agent)" : ""));
            }
            access = access.withKubeconfigContent(Secret.of(file.readToString()));
        }
        return ForkliftStepRunner.connection(access);
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
