package io.forkliftvddk.core.forklift.provider;

/** The test CA for tests in other modules (CLI). */
public final class TestCaAccess {
    private TestCaAccess() {
    }

    public static String pem() {
        return TestCa.PEM;
    }
}
