package io.jenkins.plugins.forkliftvddk;

import com.cloudbees.plugins.credentials.CredentialsMatchers;
import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardListBoxModel;
import com.cloudbees.plugins.credentials.domains.DomainRequirement;
import edu.umd.cs.findbugs.annotations.CheckForNull;
import hudson.Util;
import hudson.model.Item;
import hudson.model.Queue;
import hudson.model.queue.Tasks;
import hudson.security.ACL;
import hudson.util.FormValidation;
import hudson.util.ListBoxModel;
import io.forkliftvddk.core.steps.Choice;
import io.forkliftvddk.core.steps.FormCheck;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import jenkins.model.Jenkins;
import org.springframework.security.core.Authentication;

/**
 * The descriptors' form methods: core {@link FormCheck}s shown as {@link FormValidation}, drop-downs from core choice
 * lists, and the credentials drop-downs and checks of the credentials plugin's consumer guide, all behind the same
 * permission guard (a user who may not configure the job learns nothing).
 */
final class Forms {

    private Forms() {
    }

    static FormValidation toValidation(FormCheck check) {
        switch (check.kind()) {
            case ERROR:
                return FormValidation.error(check.message());
            case WARNING:
                return FormValidation.warning(check.message());
            default:
                return check.message().isEmpty() ? FormValidation.ok() : FormValidation.ok(check.message());
        }
    }

    /** Item.EXTENDED_READ (implied by CONFIGURE) on the job; Jenkins.ADMINISTER outside a job (global configuration). */
    static boolean mayCheck(@CheckForNull Item item) {
        return item == null ? Jenkins.get().hasPermission(Jenkins.ADMINISTER) : item.hasPermission(Item.EXTENDED_READ);
    }

    static FormValidation check(@CheckForNull Item item, Supplier<FormCheck> check) {
        if (!mayCheck(item)) {
            return FormValidation.ok();
        }
        return toValidation(check.get());
    }

    /** A drop-down from a core choice list, with an optional first entry for "not set" (value ""). */
    static ListBoxModel items(List<Choice> choices, @CheckForNull String defaultLabel) {
        ListBoxModel model = new ListBoxModel();
        if (defaultLabel != null) {
            model.add(defaultLabel, "");
        }
        for (Choice c : choices) {
            model.add(c.label(), c.value());
        }
        return model;
    }

    static Authentication authenticationOf(@CheckForNull Item item) {
        return item instanceof Queue.Task ? Tasks.getAuthenticationOf2((Queue.Task) item) : ACL.SYSTEM2;
    }

    private static boolean mayListCredentials(@CheckForNull Item item) {
        if (item == null) {
            return Jenkins.get().hasPermission(Jenkins.ADMINISTER);
        }
        return item.hasPermission(Item.EXTENDED_READ) || item.hasPermission(CredentialsProvider.USE_ITEM);
    }

    /** The documented {@code doFill…CredentialsIdItems} pattern for a job's field. */
    static ListBoxModel fillCredentials(@CheckForNull Item item, @CheckForNull String current, CredentialKind kind) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = Util.fixNull(current);
        if (!mayListCredentials(item)) {
            return result.includeCurrentValue(value);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(authenticationOf(item), item, kind.type(), Collections.<DomainRequirement>emptyList(),
                        kind.matcher())
                .includeCurrentValue(value);
    }

    /** The same for the global configuration (no job): administrators only, the system's credentials. */
    static ListBoxModel fillGlobalCredentials(@CheckForNull String current, CredentialKind kind) {
        StandardListBoxModel result = new StandardListBoxModel();
        String value = Util.fixNull(current);
        if (!Jenkins.get().hasPermission(Jenkins.ADMINISTER)) {
            return result.includeCurrentValue(value);
        }
        return result.includeEmptyValue()
                .includeMatchingAs(ACL.SYSTEM2, Jenkins.get(), kind.type(), Collections.<DomainRequirement>emptyList(),
                        kind.matcher())
                .includeCurrentValue(value);
    }

    /** {@code doCheck…CredentialsId}: the id must name a credential of the right kind visible to the job. */
    static FormValidation checkCredentials(@CheckForNull Item item, @CheckForNull String value, CredentialKind kind) {
        if (!mayListCredentials(item)) {
            return FormValidation.ok();
        }
        String id = Util.fixEmptyAndTrim(value);
        if (id == null) {
            return FormValidation.ok();
        }
        if (id.contains("${")) {
            return FormValidation.warning("An expression is resolved when the build runs; it cannot be checked here.");
        }
        if (CredentialsProvider.listCredentialsInItem(kind.type(), item, authenticationOf(item),
                Collections.<DomainRequirement>emptyList(), CredentialsMatchers.allOf(kind.matcher(), CredentialsMatchers.withId(id)))
                .isEmpty()) {
            return FormValidation.error("No " + kind.label() + " credentials with this id are visible here.");
        }
        return FormValidation.ok();
    }
}
