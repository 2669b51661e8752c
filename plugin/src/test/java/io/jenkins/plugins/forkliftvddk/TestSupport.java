package io.jenkins.plugins.forkliftvddk;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.SecretBytes;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Descriptor;
import hudson.util.Secret;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.impl.FileCredentialsImpl;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;

/** Credentials in the system store, as jenkins-api-triggers-ui-tests.md §8 shows. */
final class TestSupport {

    private TestSupport() {
    }

    static void usernamePassword(String id, String user, String password) throws Descriptor.FormException {
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, id, "test", user, password));
    }

    static void kubeconfig(String id, String yaml) {
        SystemCredentialsProvider.getInstance().getCredentials().add(new FileCredentialsImpl(CredentialsScope.GLOBAL, id, "test",
                "kubeconfig", SecretBytes.fromRawBytes(yaml.getBytes(StandardCharsets.UTF_8))));
    }

    static void secretText(String id, String text) {
        SystemCredentialsProvider.getInstance().getCredentials()
                .add(new StringCredentialsImpl(CredentialsScope.GLOBAL, id, "test", Secret.fromString(text)));
    }
}
