package org.backbeat.dashboard;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * {@code GET /openapi.json}: the hand-written OpenAPI 3 document of the API (a classpath resource), and
 * {@code GET /api-docs}: swagger-ui from its WebJar, pointed at it by {@code /api-docs.js} (no inline script: the CSP
 * forbids it).
 */
final class ApiDocsController {

    static final String OPENAPI_RESOURCE = "/openapi.json";
    private static final String WEBJAR_PROPERTIES = "/META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private final byte[] openApi;
    private final String page;

    ApiDocsController() {
        this.openApi = read(OPENAPI_RESOURCE);
        String version = swaggerUiVersion();
        this.page = """
                <!doctype html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Backbeat API</title>
                  <link rel="stylesheet" href="/webjars/swagger-ui/%1$s/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/webjars/swagger-ui/%1$s/swagger-ui-bundle.js"></script>
                  <script src="/api-docs.js"></script>
                </body>
                </html>
                """.formatted(version);
    }

    void openApi(Context ctx) {
        ctx.contentType("application/json").result(openApi);
    }

    void page(Context ctx) {
        ctx.html(page);
    }

    /** The swagger-ui page's HTML. */
    String pageHtml() {
        return page;
    }

    /** The WebJar's version, read from its own Maven metadata, so the page follows a version bump. */
    static String swaggerUiVersion() {
        Properties p = new Properties();
        try (InputStream in = ApiDocsController.class.getResourceAsStream(WEBJAR_PROPERTIES)) {
            if (in == null) {
                throw new IllegalStateException("the swagger-ui WebJar is missing from the classpath");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = ApiDocsController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
