package io.forkliftvddk.core.forklift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MtvDiscoveryTest {

    private static final String CRD_PATH = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/providers.forklift.konveyor.io";

    @Test
    void givenNamespaceWinsOverEverything() {
        try (MockCluster c = MockCluster.start()) {
            c.annotateProviderCrd(MtvDiscovery.OLM_ANNOTATION_PREFIX + "abc", "elsewhere/mtv-operator.v2.9.0");
            MtvNamespace ns = MtvDiscovery.namespace(c.client(), "custom-ns", new RecordingListener());
            assertThat(ns).isEqualTo(new MtvNamespace("custom-ns", "given"));
        }
    }

    @Test
    void olmAnnotationNamesTheNamespace() {
        try (MockCluster c = MockCluster.start()) {
            c.annotateProviderCrd(MtvDiscovery.OLM_ANNOTATION_PREFIX + "abc", "mtv-custom/mtv-operator.v2.9.0");
            // an upgrade leaves two annotations for the same namespace: still one candidate
            c.annotateProviderCrd(MtvDiscovery.OLM_ANNOTATION_PREFIX + "def", "mtv-custom/mtv-operator.v2.10.0");
            c.annotateProviderCrd("unrelated/annotation", "x/y");
            assertThat(MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isEqualTo(new MtvNamespace("mtv-custom", "olm-annotation"));
        }
    }

    @Test
    void olmAnnotationsNamingSeveralNamespacesAreAnError() {
        try (MockCluster c = MockCluster.start()) {
            c.annotateProviderCrd(MtvDiscovery.OLM_ANNOTATION_PREFIX + "abc", "ns-b/mtv-operator.v2.9.0");
            c.annotateProviderCrd(MtvDiscovery.OLM_ANNOTATION_PREFIX + "def", "ns-a/mtv-operator.v2.9.0");
            assertThatThrownBy(() -> MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.AMBIGUOUS))
                    .hasMessageContaining("[ns-a, ns-b]").hasMessageContaining("--namespace");
        }
    }

    @Test
    void annotationValueWithoutNamespaceSlashCsvIsIgnored() {
        try (MockCluster c = MockCluster.start()) {
            c.annotateProviderCrd(MtvDiscovery.OLM_ANNOTATION_PREFIX + "abc", "no-slash");
            assertThat(MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isEqualTo(new MtvNamespace("openshift-mtv", "forkliftcontroller"));
        }
    }

    @Test
    void upstreamNamespaceIsFoundToo() {
        try (MockCluster c = MockCluster.startEmpty()) {
            c.installCrds(false);
            c.createNamespace("konveyor-forklift");
            c.createController("konveyor-forklift", "forklift-controller", Map.of());
            assertThat(MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isEqualTo(new MtvNamespace("konveyor-forklift", "forkliftcontroller"));
        }
    }

    @Test
    void controllersInBothWellKnownNamespacesAreAnError() {
        try (MockCluster c = MockCluster.start()) {
            c.createNamespace("konveyor-forklift");
            c.createController("konveyor-forklift", "forklift-controller", Map.of());
            assertThatThrownBy(() -> MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.AMBIGUOUS))
                    .hasMessageContaining("[openshift-mtv, konveyor-forklift]");
        }
    }

    @Test
    void forbiddenCrdReadFallsBackAndSaysSoAtDebug() {
        try (MockCluster c = MockCluster.start()) {
            c.server().expect().get().withPath(CRD_PATH)
                    .andReturn(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,"
                            + "\"message\":\"customresourcedefinitions.apiextensions.k8s.io is forbidden\"}").always();
            RecordingListener l = new RecordingListener();
            assertThat(MtvDiscovery.namespace(c.client(), null, l)).isEqualTo(new MtvNamespace("openshift-mtv", "forkliftcontroller"));
            assertThat(l.lines).anySatisfy(s -> assertThat(s).startsWith("DEBUG").contains("cannot read CRD").contains("403"));
        }
    }

    @Test
    void missingCrdMeansNotInstalled() {
        try (MockCluster c = MockCluster.startEmpty()) {
            assertThatThrownBy(() -> MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_INSTALLED))
                    .hasMessageContaining("MTV/Forklift is not installed");
        }
    }

    @Test
    void noControllerAnywhereIsNotFound() {
        try (MockCluster c = MockCluster.startEmpty()) {
            c.installCrds(false);
            assertThatThrownBy(() -> MtvDiscovery.namespace(c.client(), null, new RecordingListener()))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_FOUND))
                    .hasMessageContaining("openshift-mtv").hasMessageContaining("konveyor-forklift").hasMessageContaining("--namespace");
        }
    }

    @Test
    void controllerSelection() {
        try (MockCluster c = MockCluster.start()) {
            assertThat(MtvDiscovery.controller(c.client(), "openshift-mtv", null).getMetadata().getName()).isEqualTo("forklift-controller");
            assertThat(MtvDiscovery.controller(c.client(), "openshift-mtv", "forklift-controller").getMetadata().getName())
                    .isEqualTo("forklift-controller");
            assertThatThrownBy(() -> MtvDiscovery.controller(c.client(), "openshift-mtv", "nope"))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_FOUND))
                    .hasMessageContaining("'nope' not found").hasMessageContaining("[forklift-controller]");
            c.createController("openshift-mtv", "second", Map.of());
            assertThatThrownBy(() -> MtvDiscovery.controller(c.client(), "openshift-mtv", null))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.AMBIGUOUS))
                    .hasMessageContaining("[forklift-controller, second]").hasMessageContaining("--controller");
            assertThat(MtvDiscovery.controller(c.client(), "openshift-mtv", "second").getMetadata().getName()).isEqualTo("second");
            c.createNamespace("empty");
            assertThatThrownBy(() -> MtvDiscovery.controller(c.client(), "empty", null))
                    .isInstanceOfSatisfying(ForkliftException.class, e -> assertThat(e.kind()).isEqualTo(ForkliftException.Kind.NOT_FOUND))
                    .hasMessageContaining("no ForkliftController found in namespace 'empty'");
        }
    }
}
