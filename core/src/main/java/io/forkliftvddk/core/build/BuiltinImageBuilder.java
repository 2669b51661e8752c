package io.forkliftvddk.core.build;

import io.forkliftvddk.core.spi.Listener;
import java.io.IOException;

/** The daemonless built-in builder (in progress on branch builtin). */
public final class BuiltinImageBuilder implements ImageBuilder {

    @Override
    public BuildResult build(BuildRequest request, Listener listener) throws IOException, InterruptedException {
        throw new BuildException("the built-in builder is not finished yet");
    }

    @Override
    public Runtime runtime() {
        return Runtime.BUILTIN;
    }
}
