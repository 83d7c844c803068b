package org.backbeat.dashboard;

import io.javalin.http.Context;
import org.backbeat.core.Catalogue;

/** {@code GET /api/info}: what the page needs to know about this deployment, such as the data notice banner. */
final class InfoController {

    /** {@code dataNotice} is null when the data is real and live. */
    record Info(String dataNotice, String catalogueVersion) {
    }

    private final Info info;

    InfoController(DashboardConfig config, Catalogue catalogue) {
        this.info = new Info(config.dataNotice(), catalogue.version());
    }

    void info(Context ctx) {
        ctx.json(info);
    }
}
