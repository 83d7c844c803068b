package org.backbeat.dashboard;

import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.io.IOException;
import java.io.OutputStream;
import org.backbeat.dashboard.events.AdminToken;
import org.backbeat.dashboard.export.ExportFailedException;
import org.backbeat.index.schema.SearchUnavailableException;
import org.backbeat.dashboard.export.ExportKind;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/export/<kind>.csv?<the JSON route's filters>&columns=&bom=}: a CSV download, streamed.
 * Bad parameters are a 400 and Elasticsearch unreachable a 503, both before the first byte; once rows are on the
 * way, an Elasticsearch failure aborts the response (the connection is cut without HTTP's end of body, so no client
 * takes a short file for a whole one) and the log says why; a client that goes away stops the reads.
 */
final class ExportController {

    private static final Logger log = LoggerFactory.getLogger(ExportController.class);
    static final String CSV = "text/csv; charset=utf-8";

    private final ExportService exports;
    private final AdminToken adminToken;

    ExportController(ExportService exports, AdminToken adminToken) {
        this.exports = exports;
        this.adminToken = adminToken;
    }

    void export(Context ctx) {
        String kindId = ctx.pathParam("kind");
        ExportKind kind = ExportKind.parse(kindId).orElseThrow(() -> new NotFoundResponse(
                "no export of kind '" + kindId + "': one of " + ExportKind.choices()));
        if (kind.adminOnly()) {
            adminToken.require(ctx);
        }
        ExportService.Prepared prepared = exports.prepare(kind, Params.Lookup.of(ctx));
        ExportService.Run run;
        try {
            run = prepared.start();
        } catch (ExportFailedException e) {
            throw new SearchUnavailableException(e.getMessage(), e);
        }
        long[] rows = {0};
        try (run) {
            ctx.status(200);
            ctx.contentType(CSV);
            ctx.header("Content-Disposition", "attachment; filename=\"" + prepared.fileName() + "\"");
            ctx.header("Cache-Control", "no-store");
            // the servlet stream itself: Javalin's compressing wrapper would hold rows back
            OutputStream out = ctx.res().getOutputStream();
            run.write(out, n -> rows[0] = n);
            out.flush();
            log.info("Exported {} ({} rows)", prepared.fileName(), rows[0]);
        } catch (ExportFailedException e) {
            log.warn("Aborted the export {} after {} rows, so the client sees an error, not a short file: {}",
                    prepared.fileName(), rows[0], e.getMessage());
            abort(ctx, e);
        } catch (IOException e) {
            log.info("Export {} stopped after {} rows: the client went away ({})", prepared.fileName(), rows[0], e.toString());
            abort(ctx, e);
        }
    }

    /**
     * Cuts the connection without the end of the body (a chunked response lacks its last chunk). The endpoint is
     * closed under Jetty rather than the channel aborted: an aborted channel leaves the request in a state that
     * Javalin's completion then trips over, logging an error for what is an expected outcome.
     */
    static void abort(Context ctx, Throwable cause) {
        ServletContextRequest request = ServletContextRequest.getServletContextRequest(ctx.req());
        if (request == null) {
            return;
        }
        try {
            request.getConnectionMetaData().getConnection().getEndPoint().close(cause);
        } catch (RuntimeException e) {
            request.getServletChannel().abort(cause);
        }
    }
}
