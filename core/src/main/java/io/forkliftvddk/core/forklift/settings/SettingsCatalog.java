package io.forkliftvddk.core.forklift.settings;

import io.forkliftvddk.core.forklift.ForkliftException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every ForkliftController setting kubectl-mtv knows: its curated ("supported") list and its extended list, with type,
 * default, category and description. Listing order follows the category order, names sorted within a category.
 */
public final class SettingsCatalog {

    public static final String VDDK_IMAGE = "vddk_image";

    /** Display order of categories. */
    public static final List<String> CATEGORY_ORDER = List.of("image", "feature", "performance", "debug", "virt-v2v", "populator",
            "hook", "ova", "hyperv", "controller", "inventory", "api", "ui-plugin", "validation", "cli-download", "mcp-server",
            "ova-proxy", "configmaps", "advanced", "aap");

    // name|type|default|category|S(upported) or E(xtended)|description
    private static final String TABLE = """
            vddk_image|string||image|S|VDDK image for VMware disk access (global; a provider's vddkInitImage overrides it)
            virt_v2v_image_fqin|string||image|S|Custom virt-v2v container image
            populator_vsphere_copy_offload_image_fqin|string||image|S|vSphere copy offload (xcopy) populator image
            controller_vsphere_incremental_backup|bool|true|feature|S|Use vSphere incremental backup (CBT) for warm migration
            controller_ovirt_warm_migration|bool|true|feature|S|Enable warm migration from oVirt
            feature_copy_offload|bool|true|feature|S|Enable storage array offload (XCOPY) plugins
            feature_ocp_live_migration|bool|true|feature|S|Enable cross-cluster OpenShift live migration
            feature_vmware_system_serial_number|bool|true|feature|S|Use the VMware system serial number for migrated VMs
            controller_static_udn_ip_addresses|bool|true|feature|S|Enable static IP addresses with User Defined Networks
            controller_retain_precopy_importer_pods|bool|false|feature|S|Retain importer pods during warm migration (debugging)
            feature_ova_appliance_management|bool|true|feature|S|Enable appliance management for OVF-based providers
            feature_vsphere_vmware_driver_removal|bool|false|feature|S|Remove VMware drivers during vSphere migrations
            feature_windows_registry_network_config|bool|false|feature|S|Windows registry-based network configuration
            feature_mcp_server|bool|false|feature|S|Deploy the MCP server for AI assistant integration
            controller_max_vm_inflight|int|20|performance|S|Maximum concurrent VM migrations
            controller_precopy_interval|int|60|performance|S|Minutes between warm migration precopies
            controller_max_concurrent_reconciles|int|10|performance|S|Maximum concurrent controller reconciles
            controller_snapshot_removal_timeout_minuts|int|120|performance|S|Timeout for snapshot removal (minutes)
            controller_vddk_job_active_deadline_sec|int|300|performance|S|VDDK validation job deadline (seconds)
            controller_filesystem_overhead|int|10|performance|S|Filesystem overhead percentage
            controller_block_overhead|int|0|performance|S|Block storage fixed overhead (bytes)
            controller_cleanup_retries|int|10|performance|S|Maximum cleanup retry attempts
            controller_blocker_grace_period_minutes|int|5|performance|S|Grace period before blocking conditions stop a migration (minutes)
            controller_snapshot_removal_check_retries|int|20|performance|S|Maximum snapshot removal check retries
            controller_host_lease_namespace|string|openshift-mtv|performance|S|Namespace for host lease objects (copy offload)
            controller_host_lease_duration_seconds|int|10|performance|S|Host lease duration in seconds (copy offload)
            controller_log_level|int|3|debug|S|Controller log verbosity (0-9)
            virt_v2v_extra_args|string||virt-v2v|S|Additional virt-v2v command-line arguments
            virt_v2v_dont_request_kvm|bool|false|virt-v2v|S|Do not request the KVM device (nested virtualization)
            virt_v2v_extra_conf_config_map|string||virt-v2v|S|ConfigMap with extra virt-v2v configuration files
            virt_v2v_inspector_extra_args|string||virt-v2v|S|Additional virt-v2v inspector command-line arguments
            virt_v2v_memsize|string||virt-v2v|S|Memory size of the virt-v2v appliance
            virt_v2v_smp|string||virt-v2v|S|Number of vCPUs of the virt-v2v appliance
            virt_v2v_container_limits_cpu|string|4000m|virt-v2v|S|virt-v2v container CPU limit
            virt_v2v_container_limits_memory|string|8Gi|virt-v2v|S|virt-v2v container memory limit
            virt_v2v_container_requests_cpu|string|1000m|virt-v2v|S|virt-v2v container CPU request
            virt_v2v_container_requests_memory|string|1Gi|virt-v2v|S|virt-v2v container memory request
            populator_container_limits_cpu|string|1000m|populator|S|Volume populator container CPU limit
            populator_container_limits_memory|string|1Gi|populator|S|Volume populator container memory limit
            populator_container_requests_cpu|string|100m|populator|S|Volume populator container CPU request
            populator_container_requests_memory|string|512Mi|populator|S|Volume populator container memory request
            hooks_container_limits_cpu|string|1000m|hook|S|Hook container CPU limit
            hooks_container_limits_memory|string|1Gi|hook|S|Hook container memory limit
            hooks_container_requests_cpu|string|100m|hook|S|Hook container CPU request
            hooks_container_requests_memory|string|150Mi|hook|S|Hook container memory request
            ova_container_limits_cpu|string|1000m|ova|S|OVA provider server CPU limit
            ova_container_limits_memory|string|1Gi|ova|S|OVA provider server memory limit
            ova_container_requests_cpu|string|100m|ova|S|OVA provider server CPU request
            ova_container_requests_memory|string|512Mi|ova|S|OVA provider server memory request
            hyperv_container_limits_cpu|string|1000m|hyperv|S|HyperV provider server CPU limit
            hyperv_container_limits_memory|string|1Gi|hyperv|S|HyperV provider server memory limit
            hyperv_container_requests_cpu|string|100m|hyperv|S|HyperV provider server CPU request
            hyperv_container_requests_memory|string|512Mi|hyperv|S|HyperV provider server memory request
            aap_url|string||aap|S|Ansible Automation Platform base URL
            aap_token_secret_name|string||aap|S|Secret holding the AAP API bearer token (data key: token)
            aap_timeout|string||aap|S|Default timeout in seconds for AAP calls and job polling
            mcp_server_lightspeed_integration|bool|true|mcp-server|S|Register the MCP server with OpenShift Lightspeed
            mcp_server_lightspeed_set_mcp_gate|bool|false|mcp-server|S|Add MCPServer to the OLSConfig feature gates
            feature_ui_plugin|bool|true|feature|E|Enable the OpenShift console UI plugin
            feature_validation|bool|true|feature|E|Enable VM validation with OPA policies
            feature_volume_populator|bool|true|feature|E|Enable the volume populator for oVirt/OpenStack
            feature_auth_required|bool|true|feature|E|Require authentication for the inventory API
            feature_cli_download|bool|true|feature|E|Enable the kubectl-mtv CLI download service
            wait_for_final_snapshot_consolidation|bool|true|feature|E|Wait for the final vSphere snapshot consolidation
            controller_container_limits_cpu|string|2|controller|E|Controller container CPU limit
            controller_container_limits_memory|string|800Mi|controller|E|Controller container memory limit
            controller_container_requests_cpu|string|100m|controller|E|Controller container CPU request
            controller_container_requests_memory|string|350Mi|controller|E|Controller container memory request
            controller_transfer_network|string||controller|E|NAD for the controller pod transfer network (namespace/name)
            controller_migration_service_account|string||controller|E|Default ServiceAccount for migration pods
            inventory_container_limits_cpu|string|2|inventory|E|Inventory container CPU limit
            inventory_container_limits_memory|string|1Gi|inventory|E|Inventory container memory limit
            inventory_container_requests_cpu|string|500m|inventory|E|Inventory container CPU request
            inventory_container_requests_memory|string|500Mi|inventory|E|Inventory container memory request
            inventory_route_timeout|string|360s|inventory|E|Inventory route timeout
            api_container_limits_cpu|string|1000m|api|E|API service CPU limit
            api_container_limits_memory|string|1Gi|api|E|API service memory limit
            api_container_requests_cpu|string|100m|api|E|API service CPU request
            api_container_requests_memory|string|150Mi|api|E|API service memory request
            ui_plugin_container_limits_cpu|string|100m|ui-plugin|E|UI plugin CPU limit
            ui_plugin_container_limits_memory|string|800Mi|ui-plugin|E|UI plugin memory limit
            ui_plugin_container_requests_cpu|string|100m|ui-plugin|E|UI plugin CPU request
            ui_plugin_container_requests_memory|string|150Mi|ui-plugin|E|UI plugin memory request
            validation_container_limits_cpu|string|1000m|validation|E|Validation service CPU limit
            validation_container_limits_memory|string|300Mi|validation|E|Validation service memory limit
            validation_container_requests_cpu|string|400m|validation|E|Validation service CPU request
            validation_container_requests_memory|string|50Mi|validation|E|Validation service memory request
            validation_policy_agent_search_interval|int|120|validation|E|Policy agent search interval (seconds)
            validation_extra_volume_name|string|validation-extra-rules|validation|E|Volume name for extra validation rules
            validation_extra_volume_mountpath|string|/usr/share/opa/policies/extra|validation|E|Mount path for extra validation rules
            cli_download_container_limits_cpu|string|1000m|cli-download|E|CLI download service CPU limit
            cli_download_container_limits_memory|string|1Gi|cli-download|E|CLI download service memory limit
            cli_download_container_requests_cpu|string|100m|cli-download|E|CLI download service CPU request
            cli_download_container_requests_memory|string|512Mi|cli-download|E|CLI download service memory request
            ova_proxy_container_limits_cpu|string|1000m|ova-proxy|E|OVA proxy CPU limit
            ova_proxy_container_limits_memory|string|1Gi|ova-proxy|E|OVA proxy memory limit
            ova_proxy_container_requests_cpu|string|250m|ova-proxy|E|OVA proxy CPU request
            ova_proxy_container_requests_memory|string|512Mi|ova-proxy|E|OVA proxy memory request
            ova_proxy_route_timeout|string|360s|ova-proxy|E|OVA proxy route timeout
            controller_image_fqin|string||image|E|Controller pod image
            api_image_fqin|string||image|E|API service image
            validation_image_fqin|string||image|E|Validation service image
            ui_plugin_image_fqin|string||image|E|UI plugin image
            cli_download_image_fqin|string||image|E|CLI download service image
            populator_controller_image_fqin|string||image|E|Volume populator controller image
            populator_ovirt_image_fqin|string||image|E|oVirt populator image
            populator_openstack_image_fqin|string||image|E|OpenStack populator image
            ova_provider_server_fqin|string||image|E|OVA provider server image
            hyperv_provider_server_fqin|string||image|E|HyperV provider server image
            virt_v2v_image_xfs_fqin|string||image|E|Custom virt-v2v XFS container image
            must_gather_image_fqin|string||image|E|Must-gather debugging image
            ova_proxy_fqin|string||image|E|OVA inventory proxy image
            controller_hyperv_refresh_interval|string|10s|hyperv|E|HyperV provider inventory refresh interval
            controller_hyperv_validation_timeout|string|30s|hyperv|E|HyperV provider validation timeout
            ovirt_osmap_configmap_name|string|forklift-ovirt-osmap|configmaps|E|ConfigMap name for oVirt OS mappings
            vsphere_osmap_configmap_name|string|forklift-vsphere-osmap|configmaps|E|ConfigMap name for vSphere OS mappings
            virt_customize_configmap_name|string|forklift-virt-customize|configmaps|E|ConfigMap name for virt-customize configuration
            controller_snapshot_status_check_rate_seconds|int|10|advanced|E|Rate of snapshot status checks (seconds)
            controller_tls_connection_timeout_sec|int|5|advanced|E|TLS connection timeout (seconds)
            controller_max_parent_backing_retries|int|10|advanced|E|Maximum retries for the parent backing lookup
            image_pull_policy|string|Always|advanced|E|Image pull policy (Always, IfNotPresent, Never)
            k8s_cluster|bool|false|advanced|E|Running on Kubernetes (not OpenShift)
            metric_interval|string|30s|advanced|E|Metrics scrape interval
            profiler_volume_path|string|/var/cache/profiler|advanced|E|Volume path for profiler data
            mcp_server_container_limits_cpu|string|1000m|mcp-server|E|MCP server container CPU limit
            mcp_server_container_limits_memory|string|512Mi|mcp-server|E|MCP server container memory limit
            mcp_server_container_requests_cpu|string|100m|mcp-server|E|MCP server container CPU request
            mcp_server_container_requests_memory|string|256Mi|mcp-server|E|MCP server container memory request
            mcp_server_output_format|string|markdown|mcp-server|E|MCP server output format
            mcp_server_max_response_chars|string|0|mcp-server|E|Maximum MCP response characters (0 = unlimited)
            mcp_server_kube_insecure|string|true|mcp-server|E|Skip TLS verification for the in-cluster Kubernetes API
            mcp_server_read_only|string|false|mcp-server|E|Run the MCP server read-only
            mcp_server_verbose|string|2|mcp-server|E|MCP server verbosity level
            """;

    private static final Map<String, SettingDefinition> ALL;

    static {
        List<SettingDefinition> defs = new ArrayList<>();
        for (String line : TABLE.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.split("\\|", -1);
            defs.add(new SettingDefinition(f[0], SettingType.valueOf(f[1].toUpperCase(Locale.ROOT)), f[2], f[3], f[4].equals("S"), f[5]));
        }
        defs.sort(Comparator.<SettingDefinition>comparingInt(d -> categoryIndex(d.category())).thenComparing(SettingDefinition::name));
        Map<String, SettingDefinition> m = new LinkedHashMap<>();
        for (SettingDefinition d : defs) {
            if (m.put(d.name(), d) != null) {
                throw new IllegalStateException("duplicate setting " + d.name());
            }
        }
        ALL = java.util.Collections.unmodifiableMap(m);
    }

    private SettingsCatalog() {
    }

    private static int categoryIndex(String category) {
        int i = CATEGORY_ORDER.indexOf(category);
        if (i < 0) {
            throw new IllegalStateException("unknown category " + category);
        }
        return i;
    }

    /** All settings in display order. */
    public static List<SettingDefinition> all() {
        return List.copyOf(ALL.values());
    }

    /** The curated list in display order. */
    public static List<SettingDefinition> supported() {
        return ALL.values().stream().filter(SettingDefinition::supported).toList();
    }

    public static Optional<SettingDefinition> find(String name) {
        return Optional.ofNullable(name == null ? null : ALL.get(name));
    }

    /** The definition, or INVALID_INPUT naming the known settings. */
    public static SettingDefinition require(String name) {
        return find(name).orElseThrow(() -> {
            List<String> close = ALL.keySet().stream().filter(k -> name != null && !name.isBlank()
                    && (k.contains(name.toLowerCase(Locale.ROOT)) || name.toLowerCase(Locale.ROOT).contains(k))).limit(5).toList();
            return ForkliftException.invalid("unknown setting: " + name
                    + (close.isEmpty() ? "" : "; did you mean " + String.join(", ", close) + "?")
                    + " (`settings get --all` lists all " + ALL.size() + " known settings)");
        });
    }
}
