package io.forkliftvddk.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeTest {

    @Test
    void parsesBearerWithQuotedParameters() {
        List<Challenge> cs = Challenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/busybox:pull,push\"");
        assertThat(cs).hasSize(1);
        Challenge c = cs.get(0);
        assertThat(c.isBearer()).isTrue();
        assertThat(c.param("realm")).isEqualTo("https://auth.docker.io/token");
        assertThat(c.param("service")).isEqualTo("registry.docker.io");
        assertThat(c.param("scope")).isEqualTo("repository:library/busybox:pull,push");
    }

    @Test
    void parsesBasicAndSeveralChallengesAndEscapes() {
        List<Challenge> cs = Challenge.parse("Basic realm=\"basic-realm\", Bearer realm=\"https://a/t\", error=invalid_token,"
                + " error_description=\"say \\\"hi\\\"\"");
        assertThat(cs).extracting(Challenge::scheme).containsExactly("basic", "bearer");
        assertThat(cs.get(0).param("realm")).isEqualTo("basic-realm");
        assertThat(cs.get(1).param("error")).isEqualTo("invalid_token");
        assertThat(cs.get(1).param("error_description")).isEqualTo("say \"hi\"");
        assertThat(Challenge.preferred(cs).isBearer()).isTrue();
    }

    @Test
    void schemeIsCaseInsensitiveAndJunkIsSkipped() {
        assertThat(Challenge.parse("BASIC realm=x").get(0).isBasic()).isTrue();
        assertThat(Challenge.parse(null)).isEmpty();
        assertThat(Challenge.parse("")).isEmpty();
        assertThat(Challenge.preferred(Challenge.parse("Negotiate"))).isNull();
        // a bearer challenge without realm cannot be answered: fall back to basic when offered
        assertThat(Challenge.preferred(Challenge.parse("Bearer service=x, Basic realm=y")).isBasic()).isTrue();
    }
}
