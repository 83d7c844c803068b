package org.backbeat.dashboard.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backbeat.alerts.webhook.WebhookAdministration;
import org.backbeat.alerts.webhook.delivery.DeliveryAdmin;
import org.backbeat.alerts.webhook.delivery.DeliveryStatus;
import org.backbeat.alerts.webhook.delivery.DeliveryView;
import org.backbeat.alerts.webhook.subscription.CreatedSubscription;
import org.backbeat.alerts.webhook.subscription.InvalidSubscriptionException;
import org.backbeat.alerts.webhook.subscription.SubscriptionRequest;
import org.backbeat.alerts.webhook.subscription.SubscriptionView;
import org.backbeat.alerts.webhook.subscription.Subscriptions;
import org.backbeat.core.Json;
import org.backbeat.dashboard.events.AdminToken;

/**
 * The webhook half of the alerts API. Everything here needs {@code Authorization: Bearer <admin token>}, reads
 * included: subscription URLs are credentials (Slack's, Discord's), and the log names receivers.
 *
 * <pre>
 * GET    /api/alerts/subscriptions                {"subscriptions":[SubscriptionView...]}
 * POST   /api/alerts/subscriptions                body SubscriptionRequest → 201 {"subscription":…, "secret":"whsec_…"} (the only time the secret is shown)
 * GET    /api/alerts/subscriptions/{id}           SubscriptionView, or 404
 * PUT    /api/alerts/subscriptions/{id}           body SubscriptionRequest → SubscriptionView (secret kept), or 404
 * DELETE /api/alerts/subscriptions/{id}           204, or 404
 * POST   /api/alerts/subscriptions/{id}/test      sends a test alert now → DeliveryView (DELIVERED or FAILED with the attempt)
 * GET    /api/alerts/deliveries?alert=&amp;subscription=&amp;status=&amp;limit=   {"deliveries":[DeliveryView...]}, newest first
 * GET    /api/alerts/deliveries/parked?limit=     {"deliveries":[…]} parked ones
 * GET    /api/alerts/deliveries/{id}              DeliveryView, or 404
 * POST   /api/alerts/deliveries/{id}/resend       a parked delivery pending again → 202 DeliveryView; 409 when not parked
 * </pre>
 *
 * The work is done by {@link Subscriptions} and {@link DeliveryAdmin}; this class parses and answers.
 */
public final class WebhooksController {

    /** Body of the subscription list. */
    public record SubscriptionList(List<SubscriptionView> subscriptions) {
    }

    /** Body of the delivery lists. */
    public record DeliveryList(List<DeliveryView> deliveries) {
    }

    public static final int DEFAULT_LIMIT = 100;

    private final Subscriptions subscriptions;
    private final DeliveryAdmin deliveries;
    private final AdminToken adminToken;
    private final String unavailable;
    private final ObjectMapper strictJson = Json.mapper().copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public WebhooksController(Subscriptions subscriptions, DeliveryAdmin deliveries, AdminToken adminToken) {
        this(subscriptions, deliveries, adminToken, null);
    }

    public WebhooksController(WebhookAdministration webhooks, AdminToken adminToken) {
        this(webhooks.subscriptions(), webhooks.deliveries(), adminToken, null);
    }

    private WebhooksController(Subscriptions subscriptions, DeliveryAdmin deliveries, AdminToken adminToken, String unavailable) {
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.adminToken = adminToken;
        this.unavailable = unavailable;
    }

    /** A controller whose every route answers 503 with {@code why}: for an app built without webhooks. */
    public static WebhooksController unavailable(String why) {
        return new WebhooksController(null, null, AdminToken.none(), why);
    }

    /** The delivery log this controller lists, for the deliveries export; null when this process has none. */
    public org.backbeat.alerts.webhook.delivery.DeliveryLog deliveryLog() {
        return deliveries == null ? null : deliveries.log();
    }

    /** What sends signed messages to subscriptions, for report notices; null when this process has no webhooks. */
    public DeliveryAdmin deliveryAdmin() {
        return deliveries;
    }

    public void listSubscriptions(Context ctx) {
        requireAdmin(ctx);
        ctx.json(new SubscriptionList(subscriptions.list()));
    }

    public void createSubscription(Context ctx) {
        requireAdmin(ctx);
        CreatedSubscription created = withValidation(() -> subscriptions.create(parse(ctx)));
        ctx.status(HttpStatus.CREATED).json(created);
    }

    public void getSubscription(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        ctx.json(subscriptions.get(id).orElseThrow(() -> noSubscription(id)));
    }

    public void updateSubscription(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        SubscriptionRequest request = parse(ctx);
        ctx.json(withValidation(() -> subscriptions.replace(id, request)).orElseThrow(() -> noSubscription(id)));
    }

    public void deleteSubscription(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        if (!subscriptions.delete(id)) {
            throw noSubscription(id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    public void testSubscription(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        ctx.json(DeliveryView.of(deliveries.sendTest(id).orElseThrow(() -> noSubscription(id))));
    }

    public void listDeliveries(Context ctx) {
        requireAdmin(ctx);
        String status = ctx.queryParam("status");
        DeliveryStatus parsed = null;
        if (status != null && !status.isBlank()) {
            try {
                parsed = DeliveryStatus.valueOf(status.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new BadRequestResponse("status must be one of " + Arrays.toString(DeliveryStatus.values()) + ", was '" + status + "'");
            }
        }
        ctx.json(new DeliveryList(deliveries.find(blankToNull(ctx.queryParam("alert")), blankToNull(ctx.queryParam("subscription")),
                parsed, limit(ctx)).stream().map(DeliveryView::of).toList()));
    }

    public void parked(Context ctx) {
        requireAdmin(ctx);
        ctx.json(new DeliveryList(deliveries.parked(limit(ctx)).stream().map(DeliveryView::of).toList()));
    }

    public void getDelivery(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        ctx.json(DeliveryView.of(deliveries.get(id).orElseThrow(() -> noDelivery(id))));
    }

    public void resend(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        try {
            ctx.status(HttpStatus.ACCEPTED).json(DeliveryView.of(deliveries.resend(id).orElseThrow(() -> noDelivery(id))));
        } catch (DeliveryAdmin.NotParkedException e) {
            throw new ConflictResponse(e.getMessage());
        } catch (DeliveryAdmin.ResendUnavailableException e) {
            throw new ServiceUnavailableResponse(e.getMessage());
        } catch (IllegalStateException e) {
            throw new ServiceUnavailableResponse("the resend was not recorded: " + e.getMessage());
        }
    }

    private void requireAdmin(Context ctx) {
        if (unavailable != null) {
            throw new ServiceUnavailableResponse(unavailable);
        }
        if (!adminToken.isConfigured()) {
            throw new ForbiddenResponse(AdminToken.HOW_TO_SET);
        }
        if (!adminToken.accepts(ctx.header(Header.AUTHORIZATION))) {
            ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
            throw new UnauthorizedResponse("this needs the admin token: send the header 'Authorization: Bearer <token>'");
        }
    }

    private SubscriptionRequest parse(Context ctx) {
        String body = ctx.body();
        if (body.isBlank()) {
            throw new BadRequestResponse("the body must be a JSON subscription: {\"url\":\"https://…\",\"format\":\"JSON|SLACK|DISCORD\","
                    + "\"ruleIds\":[…],\"entities\":[…],\"minSeverity\":\"INFO|WARNING|CRITICAL\",\"enabled\":true,\"name\":\"…\"}");
        }
        try {
            SubscriptionRequest request = strictJson.readValue(body, SubscriptionRequest.class);
            if (request == null) {
                throw new BadRequestResponse("the body must be a JSON object, was null");
            }
            return request;
        } catch (UnrecognizedPropertyException e) {
            throw new BadRequestResponse("unknown field '" + e.getPropertyName()
                    + "'; a subscription has name, url, format, ruleIds, entities, minSeverity, enabled");
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body is not a valid subscription: " + e.getOriginalMessage());
        }
    }

    private static <T> T withValidation(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (InvalidSubscriptionException e) {
            throw new BadRequestResponse(String.join("; ", e.problems()));
        }
    }

    private static int limit(Context ctx) {
        return ctx.queryParamAsClass("limit", Integer.class)
                .check(l -> l == null || (l >= 1 && l <= 500), "limit must be between 1 and 500")
                .getOrDefault(DEFAULT_LIMIT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static NotFoundResponse noSubscription(String id) {
        return new NotFoundResponse("no webhook subscription with id '" + id + "' (see /api/alerts/subscriptions)");
    }

    private static NotFoundResponse noDelivery(String id) {
        return new NotFoundResponse("no delivery with id '" + id + "' (ids are alertId.subscriptionId; see /api/alerts/deliveries)");
    }
}
