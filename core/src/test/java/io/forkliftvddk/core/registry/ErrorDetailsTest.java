package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ErrorDetailsTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsCodeAndMessageOfEveryError() {
        byte[] body = b("{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\",\"detail\":{\"Tag\":\"8\"}},"
                + "{\"code\" : \"DENIED\" , \"message\" : \"requested access to the resource is denied\"}]}\n");
        assertThat(Transport.errorDetails(body))
                .isEqualTo("MANIFEST_UNKNOWN: manifest unknown; DENIED: requested access to the resource is denied");
        assertThat(Transport.errorCode(body)).isEqualTo("MANIFEST_UNKNOWN");
    }

    @Test
    void unescapesQuotesSlashesAndUnicode() {
        byte[] body = b("{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"say \\\"no\\\" to a\\/b \\u00e9\"}]}");
        assertThat(Transport.errorDetails(body)).isEqualTo("DIGEST_INVALID: say \"no\" to a/b é");
        assertThat(Transport.errorCode(body)).isEqualTo("DIGEST_INVALID");
    }

    @Test
    void codeWithoutMessageAndNonErrorBodies() {
        assertThat(Transport.errorDetails(b("{\"errors\":[{\"code\":\"UNAUTHORIZED\"}]}"))).isEqualTo("UNAUTHORIZED");
        assertThat(Transport.errorDetails(b("<html>404 page not found</html>"))).isNull();
        assertThat(Transport.errorDetails(b("{\"errors\":[]}"))).isNull();
        assertThat(Transport.errorDetails(new byte[0])).isNull();
        assertThat(Transport.errorDetails(null)).isNull();
    }
}
