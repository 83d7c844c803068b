package org.backbeat.alerts.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.backbeat.alerts.webhook.delivery.AttemptResult;
import org.backbeat.alerts.webhook.delivery.WebhookSender;
import org.backbeat.alerts.webhook.http.WebhookHttpClient;
import org.backbeat.alerts.webhook.payload.DashboardLinks;
import org.backbeat.alerts.webhook.payload.PayloadRenderer;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;
import org.backbeat.alerts.webhook.subscription.Subscription;
import org.backbeat.alerts.webhook.subscription.SubscriptionFilter;
import org.backbeat.alerts.webhook.subscription.WebhookFormat;
import org.backbeat.alerts.webhook.subscription.WebhookSecret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https through the pinned client: the TCP connection goes to the checked address, while TLS verifies the
 * certificate against the host name of the URL (a certificate for another name is refused, and so is one for the
 * name when the URL names the IP). A real HTTPS server on 127.0.0.1 with certificates made by the JDK's keytool.
 */
class WebhookTlsTest {

    private static final String PASSWORD = "changeit";

    @TempDir
    Path dir;

    @Test
    void the_certificate_is_verified_against_the_urls_host_name_not_the_pinned_address() throws Exception {
        // given certificates for localhost and for another name, both trusted by the client
        KeyStore localhost = keyStore("localhost");
        KeyStore other = keyStore("other.example");
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("localhost", localhost.getCertificate("k"));
        trust.setCertificateEntry("other", other.getCertificate("k"));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, tmf.getTrustManagers(), null);
        // "localhost" resolves (here: only) to the checked 127.0.0.1, which is where the connection goes
        TargetGuard guard = new TargetGuard(Set.of("localhost", "127.0.0.1"), host -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});
        String secret = WebhookSecret.generate();
        List<String> seen = new CopyOnWriteArrayList<>();

        try (WebhookHttpClient http = new WebhookHttpClient(client.getSocketFactory())) {
            WebhookSender sender = new WebhookSender(guard, http, new PayloadRenderer(new DashboardLinks("http://127.0.0.1:7070")),
                    Duration.ofSeconds(5), Clock.systemUTC());
            HttpsServer right = server(localhost, seen);
            HttpsServer wrong = server(other, seen);
            try {
                // when
                AttemptResult ok = sender.send(subscription("https://localhost:" + right.getAddress().getPort() + "/hook", secret),
                        Alerts.volumeSpike("r", "amazon", Instant.parse("2011-03-29T14:00:00Z")), false);
                AttemptResult otherName = sender.send(subscription("https://localhost:" + wrong.getAddress().getPort() + "/hook", secret),
                        Alerts.volumeSpike("r", "amazon", Instant.parse("2011-03-29T14:00:00Z")), false);
                AttemptResult byAddress = sender.send(subscription("https://127.0.0.1:" + right.getAddress().getPort() + "/hook", secret),
                        Alerts.volumeSpike("r", "amazon", Instant.parse("2011-03-29T14:00:00Z")), false);

                // then
                assertThat(ok.verdict()).as(String.valueOf(ok.error())).isEqualTo(AttemptResult.Verdict.SUCCESS);
                assertThat(otherName.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
                assertThat(otherName.error()).contains("localhost");
                assertThat(byAddress.verdict()).isEqualTo(AttemptResult.Verdict.RETRY);
                assertThat(byAddress.error()).contains("127.0.0.1");
                assertThat(seen).containsExactly("localhost:" + right.getAddress().getPort());
            } finally {
                right.stop(0);
                wrong.stop(0);
            }
        }
    }

    private static Subscription subscription(String url, String secret) {
        return new Subscription(1, "sub_tls", null, url, WebhookFormat.JSON, SubscriptionFilter.any(), true, null, secret,
                Instant.now(), Instant.now());
    }

    private static HttpsServer server(KeyStore keys, List<String> seen) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context));
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            seen.add(exchange.getRequestHeaders().getFirst("Host"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        return server;
    }

    /** A self-signed certificate for {@code name} (CN and DNS SAN), made by the JDK's keytool. */
    private KeyStore keyStore(String name) throws Exception {
        Path file = dir.resolve(name + ".p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "k", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + name, "-ext", "SAN=dns:" + name, "-validity", "2", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("keytool: " + output).isZero();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        return ks;
    }
}
