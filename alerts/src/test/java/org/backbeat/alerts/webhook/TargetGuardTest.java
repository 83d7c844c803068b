package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Set;
import org.backbeat.alerts.webhook.ssrf.AddressPolicy;
import org.backbeat.alerts.webhook.ssrf.BlockedTargetException;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.ssrf.WebhookTarget;
import org.junit.jupiter.api.Test;

class TargetGuardTest {

    private final TargetGuard strict = new TargetGuard(Set.of());

    @Test
    void private_metadata_loopback_ipv6_and_a_name_resolving_to_loopback_are_refused_when_not_allow_listed() {
        assertThatThrownBy(() -> strict.check(URI.create("http://10.0.0.1/hook")))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("10.0.0.1").hasMessageContaining("private");
        assertThatThrownBy(() -> strict.check(URI.create("http://169.254.169.254/latest/meta-data/")))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("link-local");
        assertThatThrownBy(() -> strict.check(URI.create("http://[::1]:8080/hook")))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("loopback");
        assertThatThrownBy(() -> strict.check(URI.create("http://localhost:8080/hook")))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("localhost resolves to")
                .hasMessageContaining("BACKBEAT_WEBHOOK_ALLOWED_HOSTS");
    }

    @Test
    void only_http_and_https_are_allowed() {
        assertThatThrownBy(() -> strict.check(URI.create("ftp://93.184.216.34/x")))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("only http and https");
        assertThatThrownBy(() -> strict.check(URI.create("file:///etc/passwd"))).isInstanceOf(BlockedTargetException.class);
    }

    @Test
    void every_resolved_address_is_checked_and_the_target_keeps_exactly_the_checked_addresses() throws Exception {
        // given a name that answers a public and a private address (a rebinding attacker's favourite)
        TargetGuard guard = new TargetGuard(Set.of(), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("192.168.1.10")});
        TargetGuard publicOnly = new TargetGuard(Set.of(), host -> new InetAddress[] {
                InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946")});

        // then
        assertThatThrownBy(() -> guard.check(URI.create("https://hooks.example.org/x")))
                .isInstanceOf(BlockedTargetException.class).hasMessageContaining("192.168.1.10");
        WebhookTarget target = publicOnly.check(URI.create("https://hooks.example.org/x?a=1"));
        assertThat(target.addresses()).extracting(InetAddress::getHostAddress)
                .containsExactly("93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946");
        assertThat(target.host()).isEqualTo("hooks.example.org");
        assertThat(target.port()).isEqualTo(443);
        assertThat(target.https()).isTrue();
        assertThat(target.requestPath()).isEqualTo("/x?a=1");
        assertThat(target.hostHeader()).isEqualTo("hooks.example.org");
    }

    @Test
    void allow_listed_addresses_and_host_names_pass() throws Exception {
        TargetGuard byAddress = new TargetGuard(Set.of("127.0.0.1"));
        TargetGuard byName = new TargetGuard(Set.of("Internal.Example"), host -> new InetAddress[] {InetAddress.getByName("10.1.2.3")});

        assertThat(byAddress.check(URI.create("http://127.0.0.1:9000/hook")).addresses())
                .extracting(InetAddress::getHostAddress).containsExactly("127.0.0.1");
        assertThat(byAddress.check(URI.create("http://127.0.0.1:9000/hook")).hostHeader()).isEqualTo("127.0.0.1:9000");
        assertThat(byName.check(URI.create("http://internal.example/hook")).addresses())
                .extracting(InetAddress::getHostAddress).containsExactly("10.1.2.3");
        assertThatThrownBy(() -> byAddress.check(URI.create("http://10.0.0.1/hook"))).isInstanceOf(BlockedTargetException.class);
    }

    @Test
    void an_unresolvable_host_is_a_retryable_failure_not_a_refusal() {
        TargetGuard guard = new TargetGuard(Set.of(), host -> {
            throw new UnknownHostException(host);
        });

        assertThatThrownBy(() -> guard.check(URI.create("https://nowhere.invalid/x"))).isInstanceOf(UnknownHostException.class);
    }

    @Test
    void the_address_rules_cover_every_non_public_range() throws Exception {
        for (String refused : new String[] {"0.0.0.0", "127.0.0.2", "10.255.0.1", "172.16.0.1", "172.31.255.255",
                "192.168.0.1", "100.64.0.1", "100.127.255.254", "169.254.169.254", "224.0.0.1", "255.255.255.255",
                "::", "::1", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::a00:1",
                "2002:c0a8:0101::1", "::127.0.0.1"}) {
            assertThat(AddressPolicy.whyRefused(InetAddress.getByName(refused))).as(refused).isPresent();
        }
        for (String allowed : new String[] {"93.184.216.34", "172.32.0.1", "100.128.0.1", "8.8.8.8",
                "2606:2800:220:1:248:1893:25c8:1946", "64:ff9b::808:808"}) {
            assertThat(AddressPolicy.whyRefused(InetAddress.getByName(allowed))).as(allowed).isEmpty();
        }
    }

    @Test
    void saving_a_url_with_a_refused_ip_literal_says_so_without_dns() {
        assertThat(strict.literalProblem(URI.create("http://169.254.169.254/x"))).get().asString()
                .contains("169.254.169.254").contains("link-local");
        assertThat(strict.literalProblem(URI.create("http://[::1]/x"))).isPresent();
        assertThat(strict.literalProblem(URI.create("https://hooks.example.org/x"))).isEmpty();
        assertThat(new TargetGuard(Set.of("127.0.0.1")).literalProblem(URI.create("http://127.0.0.1:8080/x"))).isEmpty();
    }
}
