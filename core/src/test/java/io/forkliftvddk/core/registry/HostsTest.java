package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HostsTest {

    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    @Test
    void loopbackNames() {
        for (String h : List.of("localhost", "LOCALHOST:5000", "registry.localhost", "127.0.0.1", "127.0.0.1:5000",
                "127.255.1.9", "[::1]:5000", "::1")) {
            assertThat(Hosts.isLoopback(h)).as(h).isTrue();
        }
        for (String h : List.of("quay.io", "127.0.0", "128.0.0.1", "127.0.0.1.5", "localhost.example.com", "10.0.0.1:5000")) {
            assertThat(Hosts.isLoopback(h)).as(h).isFalse();
        }
    }

    @Test
    void loopbackIpv4AsTheRegexItReplaces() {
        Random r = new Random(3);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            StringBuilder sb = new StringBuilder(r.nextInt(10) == 0 ? "12" : "127");
            int len = r.nextInt(14);
            for (int k = 0; k < len; k++) {
                sb.append("0123456789..a-".charAt(r.nextInt(14)));
            }
            String s = sb.toString();
            boolean expected = LOOPBACK_IPV4.matcher(s).matches();
            assertThat(Hosts.isLoopbackIpv4(s)).as(s).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).isBetween(50, 99_900);
    }
}
