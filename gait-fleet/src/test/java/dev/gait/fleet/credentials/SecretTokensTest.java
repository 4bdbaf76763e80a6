package dev.gait.fleet.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SecretTokensTest {

    @Test
    void aTokenNamesItsCredentialAndCarriesTheSecret() {
        String secret = SecretTokens.newSecret();
        String token = SecretTokens.token("cred_0123456789abcdef01234567", secret);

        assertThat(SecretTokens.parse(token)).contains(new SecretTokens.Parsed("cred_0123456789abcdef01234567", secret));
        assertThat(SecretTokens.parse(token + "x")).isEmpty();
        assertThat(SecretTokens.parse("gait_cred_0123.abc")).isEmpty();
    }

    @Test
    void theSameSecretHashesDifferentlyUnderEachSaltAndOnlyItMatches() {
        String secret = SecretTokens.newSecret();
        SecretTokens.Hashed first = SecretTokens.hash(secret);
        SecretTokens.Hashed second = SecretTokens.hash(secret);

        assertThat(first.salt()).isNotEqualTo(second.salt());
        assertThat(first.hash()).isNotEqualTo(second.hash()).doesNotContain(secret);
        assertThat(SecretTokens.matches(first, secret)).isTrue();
        assertThat(SecretTokens.matches(second, secret)).isTrue();
        assertThat(SecretTokens.matches(first, SecretTokens.newSecret())).isFalse();
    }

    @Test
    void secretsCarry256RandomBits() {
        assertThat(SecretTokens.newSecret()).hasSize(43).isNotEqualTo(SecretTokens.newSecret());
    }
}
