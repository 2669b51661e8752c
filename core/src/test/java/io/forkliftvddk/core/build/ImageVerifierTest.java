package io.forkliftvddk.core.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageVerifierTest {

    private static final List<String> EP = List.of("cp", "-r", "/vmware-vix-disklib-distrib", "/opt");

    @Test
    void documentedEntrypointPasses() {
        assertThat(ImageVerifier.checkEntrypoint(EP, List.of()).passed()).isTrue();
        assertThat(ImageVerifier.checkEntrypoint(List.of("/bin/cp", "-a", "/vmware-vix-disklib-distrib/", "/opt/"), null).passed()).isTrue();
        assertThat(ImageVerifier.checkEntrypoint(List.of("/bin/sh", "-c", "cp -r /vmware-vix-disklib-distrib /opt"), List.of()).passed()).isTrue();
        assertThat(ImageVerifier.checkEntrypoint(List.of(), EP).passed()).isTrue();
    }

    @Test
    void cmdNextToEntrypointBreaksTheCopy() {
        ContractCheck.Item item = ImageVerifier.checkEntrypoint(EP, List.of("sh"));
        assertThat(item.passed()).isFalse();
        assertThat(item.detail()).contains("Cmd [\"sh\"]").contains("no CMD");
    }

    @Test
    void otherEntrypointsFail() {
        assertThat(ImageVerifier.checkEntrypoint(null, List.of("sh")).passed()).isFalse();
        assertThat(ImageVerifier.checkEntrypoint(null, null).detail()).contains("runs nothing");
        assertThat(ImageVerifier.checkEntrypoint(List.of("cp", "/vmware-vix-disklib-distrib", "/opt"), null).passed()).isFalse();
        assertThat(ImageVerifier.checkEntrypoint(List.of("cp", "-rL", "/vmware-vix-disklib-distrib", "/opt"), null).passed()).isFalse();
        assertThat(ImageVerifier.checkEntrypoint(List.of("cp", "-r", "/vmware-vix-disklib-distrib", "/tmp"), null).passed()).isFalse();
    }

    @Test
    void libraryChainResolves() throws Exception {
        KitTree tree = new KitTree().addLowerLayer(new ByteArrayInputStream(TarFixture.kit().tarGz()));
        ContractCheck check = ImageVerifier.verify("img", EP, List.of(), tree);
        assertThat(check.passed()).as(check.failureSummary()).isTrue();
        assertThat(check.items().get(1).detail()).isEqualTo("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so -> "
                + "vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8 -> vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8.0.1 (4 bytes)");
    }

    @Test
    void plainTarWithDotSlashNamesWorks() throws Exception {
        byte[] tar = new TarFixture().dir("./vmware-vix-disklib-distrib/lib64", 0755)
                .file("./vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", 0644, "x").tar();
        assertThat(ImageVerifier.checkLibrary(new KitTree().addLowerLayer(new ByteArrayInputStream(tar))).passed()).isTrue();
    }

    @Test
    void danglingAbsoluteAndEscapingLinksFail() throws Exception {
        KitTree dangling = new KitTree().addLowerLayer(new ByteArrayInputStream(new TarFixture()
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", "libvixDiskLib.so.8").tar()));
        assertThat(ImageVerifier.checkLibrary(dangling).detail()).contains("libvixDiskLib.so.8 is missing");

        KitTree absolute = new KitTree().addLowerLayer(new ByteArrayInputStream(new TarFixture()
                .file("vmware-vix-disklib-distrib/lib64/real.so", 0644, "x")
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", "/vmware-vix-disklib-distrib/lib64/real.so").tar()));
        assertThat(ImageVerifier.checkLibrary(absolute).detail()).contains("absolute symlink");

        KitTree escaping = new KitTree().addLowerLayer(new ByteArrayInputStream(new TarFixture()
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", "../../etc/passwd").tar()));
        assertThat(ImageVerifier.checkLibrary(escaping).detail()).contains("leaves the kit");

        KitTree loop = new KitTree().addLowerLayer(new ByteArrayInputStream(new TarFixture()
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", "a")
                .symlink("vmware-vix-disklib-distrib/lib64/a", "libvixDiskLib.so").tar()));
        assertThat(ImageVerifier.checkLibrary(loop).detail()).contains("loop");
    }

    @Test
    void noKitAtAll() throws Exception {
        KitTree tree = new KitTree().addLowerLayer(new ByteArrayInputStream(new TarFixture().file("etc/passwd", 0644, "x").tar()));
        ContractCheck check = ImageVerifier.verify("img", EP, null, tree);
        assertThat(check.passed()).isFalse();
        assertThatThrownBy(check::orThrow).hasMessageContaining("image img does not meet").hasMessageContaining("no /vmware-vix-disklib-distrib");
    }

    @Test
    void upperLayersWinAndWhiteoutsHide() throws Exception {
        byte[] lower = TarFixture.kit().tar();
        byte[] upperDeletes = new TarFixture().file("vmware-vix-disklib-distrib/lib64/.wh.libvixDiskLib.so.8.0.1", 0644, "").tar();
        KitTree tree = new KitTree().addLowerLayer(new ByteArrayInputStream(upperDeletes)).addLowerLayer(new ByteArrayInputStream(lower));
        assertThat(ImageVerifier.checkLibrary(tree).detail()).contains("libvixDiskLib.so.8.0.1 is missing");

        byte[] upperOpaque = new TarFixture().dir("vmware-vix-disklib-distrib/lib64", 0755)
                .file("vmware-vix-disklib-distrib/lib64/.wh..wh..opq", 0644, "").tar();
        KitTree opaque = new KitTree().addLowerLayer(new ByteArrayInputStream(upperOpaque)).addLowerLayer(new ByteArrayInputStream(lower));
        assertThat(ImageVerifier.checkLibrary(opaque).passed()).isFalse();

        byte[] compat = new TarFixture().symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8", "libvixDiskLib.so.8.0.1").tar();
        byte[] vddk9 = new TarFixture().file("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8.0.1", 0644, "x")
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so.8", "missing")
                .symlink("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", "libvixDiskLib.so.8").tar();
        KitTree upperWins = new KitTree().addLowerLayer(new ByteArrayInputStream(compat)).addLowerLayer(new ByteArrayInputStream(vddk9));
        assertThat(ImageVerifier.checkLibrary(upperWins).passed()).isTrue();
    }

    @Test
    void symlinkedDirectoriesAndHardlinksResolve() throws Exception {
        byte[] tar = new TarFixture().dir("vmware-vix-disklib-distrib/lib", 0755)
                .file("vmware-vix-disklib-distrib/lib/real.so", 0644, "abc")
                .symlink("vmware-vix-disklib-distrib/lib64", "lib")
                .hardlink("vmware-vix-disklib-distrib/lib/libvixDiskLib.so", "vmware-vix-disklib-distrib/lib/real.so").tar();
        ContractCheck.Item item = ImageVerifier.checkLibrary(new KitTree().addLowerLayer(new ByteArrayInputStream(tar)));
        assertThat(item.passed()).as(item.detail()).isTrue();
    }

    @Test
    void unreadableModesAreNamed() throws Exception {
        byte[] tar = new TarFixture().dir("vmware-vix-disklib-distrib", 0700)
                .file("vmware-vix-disklib-distrib/lib64/libvixDiskLib.so", 0600, "x").tar();
        ContractCheck.Item item = ImageVerifier.checkReadable(new KitTree().addLowerLayer(new ByteArrayInputStream(tar)));
        assertThat(item.passed()).isFalse();
        assertThat(item.detail()).contains("vmware-vix-disklib-distrib (mode 0700)").contains("libvixDiskLib.so (mode 0600)");
    }
}
