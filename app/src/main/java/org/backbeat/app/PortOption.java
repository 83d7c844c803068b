package org.backbeat.app;

import java.util.HashMap;
import java.util.Map;
import org.backbeat.dashboard.DashboardConfig;
import picocli.CommandLine.Option;

/** {@code --port} of the commands that serve the dashboard; the setting {@code dashboard.port} otherwise. */
final class PortOption {

    @Option(names = "--port", paramLabel = "PORT",
            description = "Dashboard port (env BACKBEAT_DASHBOARD_PORT, default 7070; 0 = any free port).")
    Integer port;

    /** The option as a settings override (none when not given). */
    Map<String, String> settings() {
        Map<String, String> overrides = new HashMap<>();
        overrides.put(DashboardConfig.PORT, port == null ? null : port.toString());
        return overrides;
    }
}
