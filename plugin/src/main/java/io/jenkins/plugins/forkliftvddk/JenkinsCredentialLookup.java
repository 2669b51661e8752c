package io.jenkins.plugins.forkliftvddk;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.IdCredentials;
import com.cloudbees.plugins.credentials.common.StandardUsernamePasswordCredentials;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.model.Item;
import hudson.model.Run;
import io.forkliftvddk.core.spi.Secret;
import io.forkliftvddk.core.steps.CredentialLookup;
import io.forkliftvddk.core.steps.StepException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Core's {@link CredentialLookup} over the credentials plugin: in a build with
 * {@code CredentialsProvider.findCredentialById(id, type, run)} (tracked on the build, {@code ${PARAM}} ids resolved),
 * outside a build (the trigger) with {@code findCredentialByIdInItem} as the job's authentication. Core receives
 * values, never ids.
 */
final class JenkinsCredentialLookup implements CredentialLookup {

    private final Run<?, ?> run;
    private final Item item;

    private JenkinsCredentialLookup(@CheckForNull Run<?, ?> run, @CheckForNull Item item) {
        this.run = run;
        this.item = item;
    }

    /** For steps and builders: lookups in the context of the build. */
    static CredentialLookup forRun(Run<?, ?> run) {
        return new JenkinsCredentialLookup(run, null);
    }

    /** For the trigger: lookups in the context of the job, as the job's authentication. */
    static CredentialLookup forItem(Item item) {
        return new JenkinsCredentialLookup(null, item);
    }

    @Override
    public Resolved find(String id) {
        StandardUsernamePasswordCredentials up = lookup(id, StandardUsernamePasswordCredentials.class);
        if (up != null) {
            return Resolved.usernamePassword(id, up.getUsername(), Secret.of(up.getPassword().getPlainText()));
        }
        StringCredentials text = lookup(id, StringCredentials.class);
        if (text != null) {
            return Resolved.secretText(id, Secret.of(text.getSecret().getPlainText()));
        }
        FileCredentials file = lookup(id, FileCredentials.class);
        if (file != null) {
            try (InputStream in = file.getContent()) {
                return Resolved.secretFile(id, Secret.of(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new StepException("Cannot read the secret file credential '" + id + "': " + e.getClass().getSimpleName());
            }
        }
        return null;
    }

    private <C extends IdCredentials> C lookup(String id, Class<C> type) {
        if (run != null) {
            return CredentialsProvider.findCredentialById(id, type, run);
        }
        return CredentialsProvider.findCredentialByIdInItem(id, type, item, Forms.authenticationOf(item),
                Collections.<DomainRequirement>emptyList());
    }
}
