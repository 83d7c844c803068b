package org.backbeat.ingest.twitter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuth1SignerTest {

    @Test
    void signs_twitters_documented_example_to_its_documented_signature() {
        // given the example of X's "Creating a signature" page (also recomputed independently with Python's hmac)
        TwitterCredentials credentials = new TwitterCredentials("xvz1evFS4wEEPTGEFPHBog", "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb", "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
        OAuth1Signer signer = new OAuth1Signer(credentials, () -> "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg", () -> 1318622958L);

        // when
        String header = signer.authorization("POST", URI.create("https://api.twitter.com/1.1/statuses/update.json"),
                Map.of("include_entities", "true", "status", "Hello Ladies + Gentlemen, a signed OAuth request!"));

        // then
        assertThat(header).startsWith("OAuth ")
                .contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\"")
                .contains("oauth_consumer_key=\"xvz1evFS4wEEPTGEFPHBog\"")
                .doesNotContain("kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw")
                .doesNotContain("LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE");
    }
}
