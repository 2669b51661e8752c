package io.forkliftvddk.core.forklift.settings;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.forkliftvddk.core.forklift.ForkliftException;
import io.forkliftvddk.core.forklift.KubeErrors;
import io.forkliftvddk.core.spi.Listener;
import java.time.Duration;
import java.util.Objects;

/**
 * Waits until the Forklift operator has rolled a {@code vddk_image} change out: the {@code forklift-controller}
 * Deployment carries env {@code VDDK_IMAGE} equal to the value (or none after an unset) and its rollout is complete
 * (the same test as {@code kubectl rollout status}: observed generation current, all replicas updated and available,
 * no old replicas left).
 */
public final class RolloutWaiter {

    public static final String DEPLOYMENT = "forklift-controller";
    public static final String ENV = "VDDK_IMAGE";

    private RolloutWaiter() {
    }

    /**
     * Polls until done or the timeout passes.
     *
     * @param expectedVddkImage the VDDK_IMAGE the Deployment must carry, or null when it must carry none
     * @param checkImage        false to wait only for the rollout (no vddk_image change in the request)
     * @throws ForkliftException TIMEOUT naming what was observed last; FAILED when the rollout exceeded its deadline
     */
    public static RolloutStatus await(KubernetesClient client, String namespace, String expectedVddkImage, boolean checkImage,
                                      Duration timeout, Duration interval, Listener listener) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = null;
        while (true) {
            RolloutStatus s = observe(client, namespace, expectedVddkImage, checkImage);
            if (!s.observation().equals(last)) {
                listener.info("waiting for the operator: " + s.observation());
                last = s.observation();
            }
            if (s.complete()) {
                return s;
            }
            if (System.nanoTime() >= deadline) {
                throw new ForkliftException(ForkliftException.Kind.TIMEOUT, "the operator did not roll the change out within "
                        + format(timeout) + "; last seen: " + s.observation()
                        + " (check the ForkliftController status and the forklift-operator logs)");
            }
            Thread.sleep(Math.max(10, Math.min(interval.toMillis(), (deadline - System.nanoTime()) / 1_000_000 + 10)));
        }
    }

    static RolloutStatus observe(KubernetesClient client, String namespace, String expected, boolean checkImage) {
        String name = namespace + "/" + DEPLOYMENT;
        Deployment d;
        try {
            d = client.apps().deployments().inNamespace(namespace).withName(DEPLOYMENT).get();
        } catch (KubernetesClientException e) {
            throw KubeErrors.map(e, "get", "deployments.apps \"" + DEPLOYMENT + "\" in namespace \"" + namespace + "\"");
        }
        if (d == null) {
            return new RolloutStatus(false, name, null, "deployment " + name + " does not exist yet");
        }
        String env = null;
        boolean envPresent = false;
        if (d.getSpec() != null && d.getSpec().getTemplate() != null && d.getSpec().getTemplate().getSpec() != null) {
            for (Container c : d.getSpec().getTemplate().getSpec().getContainers()) {
                if (c.getEnv() == null) {
                    continue;
                }
                for (EnvVar e : c.getEnv()) {
                    if (ENV.equals(e.getName())) {
                        envPresent = true;
                        env = e.getValue();
                    }
                }
            }
        }
        boolean imageOk = !checkImage || (expected == null ? !envPresent : Objects.equals(expected, env));
        StringBuilder obs = new StringBuilder("deployment ").append(name).append(": ");
        if (checkImage) {
            obs.append(ENV).append(envPresent ? "=" + env : " absent")
                    .append(imageOk ? "" : expected == null ? " (want it absent)" : " (want " + expected + ")").append(", ");
        }
        long generation = d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
        var st = d.getStatus();
        long observed = st == null || st.getObservedGeneration() == null ? 0 : st.getObservedGeneration();
        int want = d.getSpec() == null || d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int replicas = st == null || st.getReplicas() == null ? 0 : st.getReplicas();
        int updated = st == null || st.getUpdatedReplicas() == null ? 0 : st.getUpdatedReplicas();
        int available = st == null || st.getAvailableReplicas() == null ? 0 : st.getAvailableReplicas();
        if (st != null && st.getConditions() != null) {
            for (DeploymentCondition c : st.getConditions()) {
                if ("Progressing".equals(c.getType()) && "ProgressDeadlineExceeded".equals(c.getReason())) {
                    throw new ForkliftException(ForkliftException.Kind.FAILED, "the rollout of " + name
                            + " exceeded its progress deadline: " + c.getMessage());
                }
            }
        }
        boolean rolledOut;
        if (observed < generation) {
            obs.append("observedGeneration ").append(observed).append(" < generation ").append(generation);
            rolledOut = false;
        } else if (updated < want) {
            obs.append(updated).append(" of ").append(want).append(" replicas updated");
            rolledOut = false;
        } else if (replicas > updated) {
            obs.append(replicas - updated).append(" old replica(s) pending termination");
            rolledOut = false;
        } else if (available < updated) {
            obs.append(available).append(" of ").append(updated).append(" updated replicas available");
            rolledOut = false;
        } else {
            obs.append("rollout complete (").append(available).append(" available)");
            rolledOut = true;
        }
        return new RolloutStatus(imageOk && rolledOut, name, env, obs.toString());
    }

    static String format(Duration d) {
        return d.toSeconds() >= 1 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
