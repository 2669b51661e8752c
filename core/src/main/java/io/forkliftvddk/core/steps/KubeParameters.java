package io.forkliftvddk.core.steps;

import io.forkliftvddk.core.steps.CredentialLookup.Kind;
import io.forkliftvddk.core.steps.CredentialLookup.Resolved;

import java.io.Serializable;
import java.util.Map;

/**
 * The {@code kube…} parameters every cluster step takes: a kubeconfig secret-file credential, or an API server URL with
 * a secret-text token (plus CA or insecure), and a kubeconfig context.
 */
public record KubeParameters(String kubeconfigCredentialsId, String kubeServerUrl, String kubeTokenCredentialsId,
                             String kubeCaCertificate, boolean kubeInsecureSkipTlsVerify, String kubeContext)
        implements Serializable {

    public KubeParameters {
        kubeconfigCredentialsId = StepValues.trimToNull(kubeconfigCredentialsId);
        kubeServerUrl = StepValues.trimToNull(kubeServerUrl);
        kubeTokenCredentialsId = StepValues.trimToNull(kubeTokenCredentialsId);
        kubeCaCertificate = StepValues.trimToNull(kubeCaCertificate);
        kubeContext = StepValues.trimToNull(kubeContext);
    }

    public static KubeParameters none() {
        return new KubeParameters(null, null, null, null, false, null);
    }

    public FormCheck check() {
        return FormCheck.worst(FormChecks.kubeServerUrl(kubeServerUrl),
                FormChecks.kubeConnection(kubeconfigCredentialsId, kubeServerUrl, kubeTokenCredentialsId, kubeCaCertificate,
                        kubeInsecureSkipTlsVerify, kubeContext));
    }

    /**
     * Decides where the connection comes from, in this order: the step's kubeconfig credential; the step's server URL
     * and token; the {@code KUBECONFIG} the <em>build</em> sets (kubernetes-cli's {@code withKubeConfig}, {@code withEnv},
     * a credentials binding, a job parameter); the global default credential (kubeconfig, or token with the default
     * server URL). Never the controller's own {@code ~/.kube/config}, and never a {@code KUBECONFIG} the build did not
     * set: a value equal to the node's own process environment (on the built-in node, the controller's) is ignored. A
     * {@code KUBECONFIG} is read only inside {@code node {}} (where the build can read files anyway), never from the
     * controller's file system by a step running outside a node.
     *
     * @param env          the build's environment variables (only {@code KUBECONFIG} is read)
     * @param nodeEnv      the process environment of the node the step runs on (the controller's outside a node), to
     *                     tell what the build contributed
     * @param onNode       whether the step runs inside {@code node {}} (it has a workspace)
     * @throws StepException when nothing is configured or a parameter is invalid
     */
    public KubeAccess resolve(CredentialLookup lookup, GlobalDefaults defaults, Map<String, String> env, Map<String, String> nodeEnv,
                              boolean onNode) {
        FormCheck c = check();
        if (c.isError()) {
            throw new StepException("Kubernetes connection: " + c.message());
        }
        if (kubeconfigCredentialsId != null) {
            Resolved r = Credentials.resolve(lookup, "kubeconfigCredentialsId", kubeconfigCredentialsId, Kind.SECRET_FILE);
            return KubeAccess.kubeconfig(r.secret(), kubeContext, "kubeconfig from credentials '" + r.id() + "'");
        }
        if (kubeServerUrl != null) {
            Resolved r = Credentials.resolve(lookup, "kubeTokenCredentialsId", kubeTokenCredentialsId, Kind.SECRET_TEXT);
            if (r == null) {
                throw new StepException("kubeTokenCredentialsId: a secret text credential with a bearer token is required"
                        + " with kubeServerUrl.");
            }
            return KubeAccess.token(kubeServerUrl, r.secret(), kubeCaCertificate, kubeInsecureSkipTlsVerify,
                    "API server " + kubeServerUrl + " with the token from credentials '" + r.id() + "'");
        }
        String kubeconfigPath = contributedKubeconfig(env, nodeEnv);
        if (kubeconfigPath != null) {
            if (!onNode) {
                throw new StepException("KUBECONFIG is set by the build (" + kubeconfigPath + "), but the step runs outside node {}:"
                        + " it would read a file of the Jenkins controller. Run the step inside node {} (withKubeConfig needs"
                        + " one anyway), or use kubeconfigCredentialsId.");
            }
            // withKubeConfig sets a single file; a list (a:b) is the user's own setting: take the first, as kubectl merges left first
            String first = kubeconfigPath.split(java.io.File.pathSeparator)[0];
            return KubeAccess.kubeconfigFile(first, kubeContext, "KUBECONFIG of the build environment (" + first + ")");
        }
        if (defaults.kubeCredentialsId() != null) {
            Resolved r = Credentials.resolve(lookup, "default Kubernetes credentials (global configuration)",
                    defaults.kubeCredentialsId(), Kind.SECRET_FILE, Kind.SECRET_TEXT);
            if (r.kind() == Kind.SECRET_FILE) {
                return KubeAccess.kubeconfig(r.secret(), kubeContext, "default kubeconfig from credentials '" + r.id() + "'");
            }
            if (defaults.kubeServerUrl() == null) {
                throw new StepException("The default Kubernetes credentials '" + r.id() + "' are a token, but the global"
                        + " configuration has no API server URL.");
            }
            return KubeAccess.token(defaults.kubeServerUrl(), r.secret(), defaults.kubeCaCertificate(), false,
                    "default API server " + defaults.kubeServerUrl() + " with the token from credentials '" + r.id() + "'");
        }
        boolean ignored = env != null && StepValues.trimToNull(env.get(KUBECONFIG)) != null;
        throw new StepException("No Kubernetes connection: set kubeconfigCredentialsId (a secret file with a kubeconfig), or"
                + " kubeServerUrl with kubeTokenCredentialsId, or run the step inside withKubeConfig, or configure a default"
                + " connection in the global configuration."
                + (ignored ? " (KUBECONFIG of the node's own environment is not used: only one the build sets.)" : ""));
    }

    static final String KUBECONFIG = "KUBECONFIG";

    /**
     * The {@code KUBECONFIG} the build contributed: set in {@code env} and different from the node's own process
     * environment (a Jenkins build environment starts from the node's, so equal means "not set by the build").
     */
    public static String contributedKubeconfig(Map<String, String> env, Map<String, String> nodeEnv) {
        String value = env == null ? null : StepValues.trimToNull(env.get(KUBECONFIG));
        if (value == null) {
            return null;
        }
        String own = nodeEnv == null ? null : StepValues.trimToNull(nodeEnv.get(KUBECONFIG));
        return value.equals(own) ? null : value;
    }
}
