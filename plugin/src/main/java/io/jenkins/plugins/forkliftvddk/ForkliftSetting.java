package io.jenkins.plugins.forkliftvddk;

import edu.umd.cs.findbugs.annotations.CheckForNull;
import edu.umd.cs.findbugs.annotations.NonNull;
import hudson.Extension;
import hudson.Util;
import hudson.model.AbstractDescribableImpl;
import hudson.model.Descriptor;
import hudson.model.Item;
import hudson.util.FormValidation;
import io.forkliftvddk.core.steps.FormChecks;
import io.forkliftvddk.core.steps.SettingParameter;
import java.util.ArrayList;
import java.util.List;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.AncestorInPath;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.QueryParameter;
import org.kohsuke.stapler.verb.POST;

/** One ForkliftController setting: {@code forkliftSetting(name: 'controller_vddk_job_active_deadline_sec', value: '600')}. */
public class ForkliftSetting extends AbstractDescribableImpl<ForkliftSetting> {

    private final String name;
    private final String value;

    @DataBoundConstructor
    public ForkliftSetting(String name, String value) {
        this.name = Util.fixEmptyAndTrim(name);
        // an empty value is a value (kubectl-mtv sends "" verbatim); removing a setting is "unset"
        this.value = value == null ? null : value.trim();
    }

    @CheckForNull
    public String getName() {
        return name;
    }

    @CheckForNull
    public String getValue() {
        return value;
    }

    static List<SettingParameter> toParameters(@CheckForNull List<ForkliftSetting> settings) {
        List<SettingParameter> list = new ArrayList<>();
        if (settings != null) {
            for (ForkliftSetting s : settings) {
                list.add(new SettingParameter(s.getName(), s.getValue()));
            }
        }
        return list;
    }

    @Extension
    @Symbol("forkliftSetting")
    public static final class DescriptorImpl extends Descriptor<ForkliftSetting> {

        @NonNull
        @Override
        public String getDisplayName() {
            return "ForkliftController setting";
        }

        @POST
        public FormValidation doCheckName(@AncestorInPath Item item, @QueryParameter String value) {
            return Forms.check(item, () -> FormChecks.settingName(value));
        }
    }
}
