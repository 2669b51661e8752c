package io.jenkins.plugins.forkliftvddk;

import com.cloudbees.plugins.credentials.CredentialsMatcher;
import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/** Which credentials a field accepts: the type and matcher for drop-downs and checks. */
enum CredentialKind {
    /** Registries and vCenter. */
    USERNAME_PASSWORD(StandardUsernamePasswordCredentials.class, CredentialsMatchers.always(), "username with password"),
    /** A kubeconfig. */
    KUBECONFIG_FILE(FileCredentials.class, CredentialsMatchers.always(), "secret file"),
    /** A bearer token for the Kubernetes API server. */
    TOKEN(StringCredentials.class, CredentialsMatchers.always(), "secret text"),
    /** An http(s) kit listing: basic auth or a bearer token. */
    SOURCE(StandardCredentials.class, CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(StandardUsernamePasswordCredentials.class),
            CredentialsMatchers.instanceOf(StringCredentials.class)), "username with password or secret text"),
    /** The global default Kubernetes connection: a kubeconfig or a token. */
    KUBE_DEFAULT(StandardCredentials.class, CredentialsMatchers.anyOf(CredentialsMatchers.instanceOf(FileCredentials.class),
            CredentialsMatchers.instanceOf(StringCredentials.class)), "secret file or secret text");

    private final Class<? extends StandardCredentials> type;
    private final CredentialsMatcher matcher;
    private final String label;

    CredentialKind(Class<? extends StandardCredentials> type, CredentialsMatcher matcher, String label) {
        this.type = type;
        this.matcher = matcher;
        this.label = label;
    }

    Class<? extends StandardCredentials> type() {
        return type;
    }

    CredentialsMatcher matcher() {
        return matcher;
    }

    String label() {
        return label;
    }
}
