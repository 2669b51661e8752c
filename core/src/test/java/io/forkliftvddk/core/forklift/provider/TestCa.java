package io.forkliftvddk.core.forklift.provider;

/** A self-signed test CA (EC P-256, CN=test-vcenter-ca), generated once with openssl. */
final class TestCa {
    static final String PEM = ""
            + "-----BEGIN CERTIFICATE-----\n"
            + "MIIBijCCAS+gAwIBAgIUX1hkTiaQUm7dyWhKf+o1yMIx9CgwCgYIKoZIzj0EAwIw\n"
            + "GjEYMBYGA1UEAwwPdGVzdC12Y2VudGVyLWNhMB4XDTI2MTEyNjAxMzY1MloXDTM2\n"
            + "MTEyMzAxMzY1MlowGjEYMBYGA1UEAwwPdGVzdC12Y2VudGVyLWNhMFkwEwYHKoZI\n"
            + "zj0CAQYIKoZIzj0DAQcDQgAEFVZhwEpEO8kIgP30dzbIHNFnerTxBGFuUoZwdQ88\n"
            + "GpaRsLUw17l2Ip6K9olAcE9i5MbgDi1n7G1dxC5fxHMTXKNTMFEwHQYDVR0OBBYE\n"
            + "FHgDDZsuYljveyhwPtuyH1ebzJ2gMB8GA1UdIwQYMBaAFHgDDZsuYljveyhwPtuy\n"
            + "H1ebzJ2gMA8GA1UdEwEB/wQFMAMBAf8wCgYIKoZIzj0EAwIDSQAwRgIhALI1ab43\n"
            + "XDnGsPRdx7o4iZB+KGRSWgXsjpZYAkr1nrLMAiEAgLUwwgtbZC58iJndxg9W1EUt\n"
            + "O1oxjuk2/lb1GfjFgVk=\n"
            + "-----END CERTIFICATE-----\n"
            ;

    private TestCa() {
    }
}
