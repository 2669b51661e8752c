package io.forkliftvddk.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DockerfilesTest {

    /** Forklift docs / kubectl-mtv defaultDockerfile, byte for byte (reference forklift-api.md §6). */
    private static final String DOCUMENTED = "FROM registry.access.redhat.com/ubi8/ubi-minimal\n"
            + "USER 1001\n"
            + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
            + "RUN mkdir -p /opt\n"
            + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n";

    @Test
    void defaultIsByteIdenticalToTheDocumentedOne() {
        assertThat(Dockerfiles.defaultDockerfile().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(DOCUMENTED.getBytes(StandardCharsets.UTF_8));
        assertThat(Dockerfiles.defaultDockerfile(null)).isEqualTo(DOCUMENTED);
    }

    @Test
    void baseImageReplacesOnlyTheFromLine() {
        String text = Dockerfiles.defaultDockerfile("localhost/busybox-base:latest");
        assertThat(text).isEqualTo(DOCUMENTED.replace("registry.access.redhat.com/ubi8/ubi-minimal",
                "localhost/busybox-base:latest"));
        assertThat(text.lines().skip(1).toList()).isEqualTo(DOCUMENTED.lines().skip(1).toList());
    }

    @Test
    void baseImageMustBeAReference() {
        assertThatThrownBy(() -> Dockerfiles.defaultDockerfile("busybox\nRUN evil"))
                .isInstanceOf(InvalidImageReferenceException.class);
    }

    @Test
    void defaultPassesItsOwnCheck() {
        Dockerfiles.Check check = Dockerfiles.check(DOCUMENTED, "Dockerfile", Map.of(), null);
        assertThat(check.kitLine()).isEqualTo(3);
        assertThat(check.stageLine()).isEqualTo(1);
        assertThat(check.kitInstruction()).isEqualTo(Dockerfiles.COPY_LINE);
    }

    @Test
    void kubectlMtvGuideExampleWithoutCopyIsRefusedWithTheLineToAdd() {
        // the shape of kubectl-mtv's guide example: comments promise the copy, nothing does it
        String text = "FROM registry.access.redhat.com/ubi8/ubi-minimal\n"
                + "# Copy VDDK libraries (will be handled by kubectl-mtv)\n"
                + "RUN microdnf install -y file && microdnf clean all\n"
                + "USER 1001\n"
                + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "/tmp/my/Dockerfile", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class)
                .hasMessageContaining("/tmp/my/Dockerfile")
                .hasMessageContaining("final stage (FROM at line 1)")
                .hasMessageContaining("after line 5")
                .hasMessageContaining("\n    COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib");
    }

    @Test
    void noFromIsRefused() {
        assertThatThrownBy(() -> Dockerfiles.check("# only a comment\n\nCOPY x y\n", "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class)
                .hasMessageContaining("has no FROM");
        assertThatThrownBy(() -> Dockerfiles.check("", "Df", Map.of(), null))
                .hasMessageContaining("has no FROM");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib",
            "copy vmware-vix-disklib-distrib/ /vmware-vix-disklib-distrib/",
            "COPY ./vmware-vix-disklib-distrib /opt/kit",
            "ADD vmware-vix-disklib-distrib /vmware-vix-disklib-distrib",
            "COPY --chown=0:0 --chmod=755 vmware-vix-disklib-distrib /vmware-vix-disklib-distrib",
            "COPY [\"vmware-vix-disklib-distrib\", \"/vmware-vix-disklib-distrib\"]",
            "COPY vmware-vix-* /vmware-vix-disklib-distrib/",
            "COPY . /build",
            "COPY extra.conf vmware-vix-disklib-distrib /dest/",
    })
    void acceptedCopies(String copy) {
        String text = "FROM busybox\n" + copy + "\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), null).kitLine()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "COPY other /vmware-vix-disklib-distrib",
            "COPY --from=quay.io/some/image /vmware-vix-disklib-distrib /vmware-vix-disklib-distrib",
            "RUN cp -r vmware-vix-disklib-distrib /",
            "# COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib",
            "COPY vmware-vix-disklib-distrib",
            "ADD https://example.com/vmware-vix.tar.gz /",
    })
    void refusedCopies(String copy) {
        String text = "FROM busybox\n" + copy + "\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class);
    }

    @Test
    void continuationLinesAndCommentsInsideThemAreJoined() {
        String text = "FROM busybox\n"
                + "RUN echo a \\\n"
                + "    && echo b\n"
                + "COPY --chown=0:0 \\\n"
                + "# a comment inside the continuation\n"
                + "\n"
                + "     vmware-vix-disklib-distrib \\\n"
                + "     /vmware-vix-disklib-distrib\n"
                + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n";
        Dockerfiles.Check check = Dockerfiles.check(text, "Df", Map.of(), null);
        assertThat(check.kitLine()).isEqualTo(4);
        assertThat(check.kitInstruction())
                .isEqualTo("COPY --chown=0:0      vmware-vix-disklib-distrib      /vmware-vix-disklib-distrib");
    }

    @Test
    void continuationThatHidesTheCopyInARunIsNotACopy() {
        String text = "FROM busybox\nRUN echo \\\nCOPY vmware-vix-disklib-distrib /x\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class)
                .hasMessageContaining("after line 3");
    }

    @Test
    void backtickEscapeDirective() {
        String text = "# escape=`\nFROM busybox\nCOPY `\n  vmware-vix-disklib-distrib C:\\kit\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), null).kitLine()).isEqualTo(3);
        // with the default escape, a trailing backtick is no continuation
        String noDirective = "FROM busybox\nCOPY `\n  vmware-vix-disklib-distrib /kit\n";
        assertThatThrownBy(() -> Dockerfiles.check(noDirective, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class);
    }

    @Test
    void heredocBodiesAreNotInstructions() {
        String text = "FROM busybox\nRUN <<EOF\nCOPY vmware-vix-disklib-distrib /x\nEOF\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class);
    }

    @Test
    void multiStageFinalStageMustHaveTheKit() {
        String text = "FROM busybox AS kit\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "FROM ubi\n"
                + "USER 1001\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class)
                .hasMessageContaining("final stage (FROM at line 3)")
                .hasMessageContaining("after line 4");
    }

    @Test
    void multiStageCopyFromAStageThatHasTheKit() {
        String text = "FROM busybox AS Kit\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "RUN chmod -R o+r /vmware-vix-disklib-distrib\n"
                + "FROM ubi\n"
                + "COPY --from=kit /vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), null).kitLine()).isEqualTo(5);
        String byIndex = text.replace("--from=kit", "--from=0");
        assertThat(Dockerfiles.check(byIndex, "Df", Map.of(), null).kitLine()).isEqualTo(5);
    }

    @Test
    void multiStageCopyFromAStageWithoutTheKitIsRefused() {
        String text = "FROM busybox AS tools\n"
                + "RUN true\n"
                + "FROM ubi\n"
                + "COPY --from=tools /vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class);
    }

    @Test
    void multiStageFinalStageBuiltOnAStageWithTheKit() {
        String text = "FROM busybox AS base\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "FROM base\n"
                + "ENTRYPOINT [\"cp\", \"-r\", \"/vmware-vix-disklib-distrib\", \"/opt\"]\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), null).kitLine()).isEqualTo(2);
    }

    @Test
    void argSubstitutedFromResolvesToAStage() {
        String text = "ARG STAGE=withkit\n"
                + "FROM busybox AS withkit\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "FROM busybox AS without\n"
                + "FROM ${STAGE}\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), null).kitLine()).isEqualTo(3);
        // a --build-arg changes which stage the final one builds on
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of("STAGE", "without"), null))
                .isInstanceOf(InvalidDockerfileException.class)
                .hasMessageContaining("FROM at line 5");
    }

    @Test
    void argSubstitutedCopySource() {
        String text = "FROM busybox\n"
                + "ARG KIT=vmware-vix-disklib-distrib\n"
                + "COPY ${KIT} /vmware-vix-disklib-distrib\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), null).kitLine()).isEqualTo(3);
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of("KIT", "other"), null))
                .isInstanceOf(InvalidDockerfileException.class);
        String env = "FROM busybox\nENV KIT=vmware-vix-disklib-distrib\nCOPY $KIT /k\n";
        assertThat(Dockerfiles.check(env, "Df", Map.of(), null).kitLine()).isEqualTo(3);
    }

    @Test
    void globalArgIsOnlyVisibleInAStageWhenRedeclared() {
        String text = "ARG KIT=vmware-vix-disklib-distrib\nFROM busybox\nCOPY ${KIT:-nothing} /k\n";
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), null))
                .isInstanceOf(InvalidDockerfileException.class);
        String redeclared = "ARG KIT=vmware-vix-disklib-distrib\nFROM busybox\nARG KIT\nCOPY ${KIT} /k\n";
        assertThat(Dockerfiles.check(redeclared, "Df", Map.of(), null).kitLine()).isEqualTo(4);
    }

    @Test
    void targetStageIsChecked() {
        String text = "FROM busybox AS kit\n"
                + "COPY vmware-vix-disklib-distrib /vmware-vix-disklib-distrib\n"
                + "FROM busybox AS debug\n"
                + "RUN true\n";
        assertThat(Dockerfiles.check(text, "Df", Map.of(), "kit").stage()).isEqualTo("kit");
        assertThatThrownBy(() -> Dockerfiles.check(text, "Df", Map.of(), "nope"))
                .hasMessageContaining("no stage named 'nope'");
    }

    @Test
    void windowsLineEndings() {
        assertThat(Dockerfiles.check(DOCUMENTED.replace("\n", "\r\n"), "Df", Map.of(), null).kitLine()).isEqualTo(3);
    }
}
