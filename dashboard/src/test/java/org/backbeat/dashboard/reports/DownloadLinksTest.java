package org.backbeat.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Download links: what they name, that any change to them or another key breaks them, and that they expire. */
class DownloadLinksTest {

    private static final byte[] KEY = "a-link-secret-of-at-least-32-characters!".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2011-04-05T07:00:30Z");
    private static final LocalDate DAY = LocalDate.parse("2011-04-05");

    private static DownloadLinks links(byte[] key, Instant now) {
        return new DownloadLinks(key, "https://backbeat.example/", Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static String token(String url) {
        return url.substring(url.lastIndexOf('/') + 1);
    }

    @Test
    void a_link_names_its_report_and_day_until_it_expires() throws Exception {
        DownloadLinks.Link link = links(KEY, NOW).link("amazon-weekly", DAY);

        assertThat(link.url()).startsWith("https://backbeat.example/api/reports/download/");
        assertThat(link.expiresAt()).isEqualTo(Instant.parse("2011-04-06T07:00:30Z"));
        // the token is the payload and its HMAC-SHA256, computed here independently
        String[] parts = token(link.url()).split("\\.");
        String payload = "amazon-weekly/2011-04-05/" + link.expiresAt().getEpochSecond();
        assertThat(new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)).isEqualTo(payload);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
        assertThat(Base64.getUrlDecoder().decode(parts[1])).isEqualTo(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));

        DownloadLinks.Target target = links(KEY, Instant.parse("2011-04-06T07:00:29Z")).verify(token(link.url()));
        assertThat(target).isEqualTo(new DownloadLinks.Target("amazon-weekly", DAY, link.expiresAt()));
        assertThatThrownBy(() -> links(KEY, link.expiresAt()).verify(token(link.url())))
                .isInstanceOf(DownloadLinks.InvalidLinkException.class).hasMessageContaining("expired");
    }

    @Test
    void a_changed_payload_another_key_or_garbage_is_refused() {
        String token = token(links(KEY, NOW).link("amazon-weekly", DAY).url());
        String signature = token.substring(token.indexOf('.') + 1);
        String later = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("amazon-weekly/2011-04-05/" + NOW.plus(Duration.ofDays(365)).getEpochSecond()).getBytes(StandardCharsets.UTF_8));
        byte[] otherKey = "another-secret-of-at-least-32-characters".getBytes(StandardCharsets.UTF_8);

        for (String bad : new String[] {later + "." + signature, token + "x", token.replace('.', '-'), "", "a.b", null}) {
            assertThatThrownBy(() -> links(KEY, NOW).verify(bad)).as(String.valueOf(bad))
                    .isInstanceOf(DownloadLinks.InvalidLinkException.class);
        }
        assertThatThrownBy(() -> links(otherKey, NOW).verify(token)).isInstanceOf(DownloadLinks.InvalidLinkException.class)
                .hasMessage("this download link is not valid");
    }
}
