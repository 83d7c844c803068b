package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.backbeat.core.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up problems a user can fix are reported before anything is started. */
class DemoStartupTest {

    @TempDir
    Path dir;

    @Test
    void a_dashboard_port_in_use_is_reported_before_anything_starts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Settings settings = Settings.of(Map.of(
                    "work-dir", dir.resolve("work").toString(),
                    "es.home", System.getProperty("backbeat.es.home"),
                    "dashboard.port", String.valueOf(taken.getLocalPort())));

            assertThatThrownBy(() -> Demo.start(settings, new Demo.Options(null, 1)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("port " + taken.getLocalPort() + " is already in use: stop what uses it, "
                            + "or choose another with --port (0 picks a free one)");
        }
        assertThat(dir.resolve("work")).doesNotExist();
    }
}
