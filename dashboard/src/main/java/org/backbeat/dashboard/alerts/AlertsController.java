package org.backbeat.dashboard.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.Header;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.ServiceUnavailableResponse;
import io.javalin.http.UnauthorizedResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;
import org.backbeat.alerts.evaluation.Backtest;
import org.backbeat.alerts.evaluation.WindowAggregate;
import org.backbeat.alerts.rules.AlertRule;
import org.backbeat.alerts.rules.InvalidRuleException;
import org.backbeat.alerts.rules.RuleValidation;
import org.backbeat.alerts.store.AlertHistory;
import org.backbeat.alerts.store.RuleStore;
import org.backbeat.alerts.store.StoreUnavailableException;
import org.backbeat.core.Alert;
import org.backbeat.core.Json;
import org.backbeat.dashboard.events.AdminToken;

/**
 * {@code /api/alerts/rules} (CRUD; writes need the admin token), {@code /api/alerts/rules/backtest} (a draft rule
 * run over the history in Elasticsearch, nothing stored) and {@code /api/alerts/history}. Parses and answers;
 * the work is the rule store's, the backtest's and the history's.
 */
public final class AlertsController {

    /** A list of rules. */
    public record RuleList(List<AlertRule> rules) {
    }

    /** What a backtest found: the alerts the rule would have raised for each entity, and the windows read. */
    public record BacktestResult(AlertRule rule, Instant from, Instant to, List<String> entities, int windows,
                                 List<Alert> alerts) {
    }

    /** Alert history, newest first. */
    public record AlertList(List<Alert> alerts) {
    }

    /** The most entities one backtest evaluates (a rule for "every entity" is backtested on the catalogue's first ones). */
    public static final int MAX_BACKTEST_ENTITIES = 30;
    public static final Duration MAX_BACKTEST_SPAN = Duration.ofDays(400);

    private final RuleStore rules;
    private final AlertHistory history;
    private final HistoryWindows windows;
    private final List<String> catalogue;
    private final AdminToken adminToken;
    private final String unavailable;
    private final ObjectMapper json = Json.mapper();

    public AlertsController(RuleStore rules, AlertHistory history, HistoryWindows windows, List<String> catalogue,
                            AdminToken adminToken) {
        this(rules, history, windows, catalogue, adminToken, null);
    }

    private AlertsController(RuleStore rules, AlertHistory history, HistoryWindows windows, List<String> catalogue,
                             AdminToken adminToken, String unavailable) {
        this.rules = rules;
        this.history = history;
        this.windows = windows;
        this.catalogue = List.copyOf(catalogue);
        this.adminToken = adminToken;
        this.unavailable = unavailable;
    }

    /** A controller that answers 503 with {@code why}, for a dashboard process without the alert stores. */
    public static AlertsController unavailable(String why) {
        return new AlertsController(null, null, null, List.of(), AdminToken.none(), why);
    }

    /** The alert history this controller lists, for the alerts export; null when this process has none. */
    public AlertHistory historyStore() {
        return history;
    }

    public void listRules(Context ctx) {
        ctx.json(new RuleList(rules().list()));
    }

    public void getRule(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.json(rules().get(id).orElseThrow(() -> notFound(id)));
    }

    public void createRule(Context ctx) {
        requireAdmin(ctx);
        AlertRule rule = parse(ctx);
        try {
            ctx.status(HttpStatus.CREATED).json(rules().create(rule));
        } catch (RuleStore.DuplicateRuleException e) {
            ctx.status(HttpStatus.CONFLICT).json(new Problem(409, e.getMessage()));
        } catch (InvalidRuleException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    public void updateRule(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        AlertRule rule = parse(ctx);
        if (rule.id() == null) {
            rule = rule.withId(id);
        } else if (!rule.id().equals(id)) {
            throw new BadRequestResponse("the body's id '" + rule.id() + "' differs from the path's '" + id + "'");
        }
        try {
            ctx.json(rules().update(rule).orElseThrow(() -> notFound(id)));
        } catch (InvalidRuleException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    public void deleteRule(Context ctx) {
        requireAdmin(ctx);
        String id = ctx.pathParam("id");
        if (!rules().delete(id)) {
            throw notFound(id);
        }
        ctx.status(HttpStatus.NO_CONTENT);
    }

    /**
     * POST a draft rule (it need not be saved; its id may be omitted); {@code from} and {@code to} (ISO instants or
     * dates) bound the history, default the last 90 days before {@code to} (default now).
     */
    public void backtest(Context ctx) {
        if (windows == null) {
            throw new ServiceUnavailableResponse(unavailable);
        }
        AlertRule draft = parse(ctx);
        if (draft.id() == null) {
            draft = draft.withId("draft");
        }
        List<String> problems = RuleValidation.problems(draft, Set.copyOf(catalogue));
        if (!problems.isEmpty()) {
            throw new BadRequestResponse(String.join("; ", problems));
        }
        Instant to = instant(ctx, "to", Instant.now());
        Instant from = instant(ctx, "from", to.minus(Duration.ofDays(90)));
        if (!from.isBefore(to) || Duration.between(from, to).compareTo(MAX_BACKTEST_SPAN) > 0) {
            throw new BadRequestResponse("from must be before to, at most 400 days apart (was " + from + " to " + to + ")");
        }
        List<String> entities = draft.watchesAll() ? List.of(Alert.ALL_ENTITIES)
                : draft.entities().isEmpty() ? catalogue.subList(0, Math.min(MAX_BACKTEST_ENTITIES, catalogue.size()))
                : draft.entities();
        List<Alert> alerts = new java.util.ArrayList<>();
        int read = 0;
        // The baseline needs history before `from`: read it too, and report only what fires inside [from, to).
        Instant historyFrom = from.minus(draft.baseline());
        for (String entity : entities) {
            List<WindowAggregate> series = windows.windows(draft, entity, historyFrom, to);
            Backtest.Result result = Backtest.run(draft, entity, series);
            read += result.windows();
            result.alerts().stream().filter(a -> !a.firedAt().isBefore(from)).forEach(alerts::add);
        }
        alerts.sort(java.util.Comparator.comparing(Alert::firedAt).thenComparing(Alert::id));
        ctx.json(new BacktestResult(draft, from, to, entities, read, alerts));
    }

    /** {@code ?rule=&entity=&from=&to=&limit=} (all optional). */
    public void history(Context ctx) {
        if (history == null) {
            throw new ServiceUnavailableResponse(unavailable);
        }
        String entity = ctx.queryParam("entity");
        if (entity != null && !Alert.ALL_ENTITIES.equals(entity) && !catalogue.contains(entity)) {
            throw new BadRequestResponse("entity must be a catalogue entity id (see /api/entities) or *, was '" + entity + "'");
        }
        Instant from = instant(ctx, "from", null);
        Instant to = instant(ctx, "to", null);
        int limit = ctx.queryParamAsClass("limit", Integer.class).getOrDefault(200);
        if (limit < 1 || limit > AlertHistory.MAX_ALERTS) {
            throw new BadRequestResponse("limit must be between 1 and " + AlertHistory.MAX_ALERTS + ", was " + limit);
        }
        try {
            ctx.json(new AlertList(history.search(ctx.queryParam("rule"), entity, from, to, limit)));
        } catch (StoreUnavailableException e) {
            throw new ServiceUnavailableResponse(e.getMessage());
        }
    }

    /** An error body like the app's. */
    public record Problem(int status, String error) {
    }

    private RuleStore rules() {
        if (rules == null) {
            throw new ServiceUnavailableResponse(unavailable);
        }
        return rules;
    }

    private AlertRule parse(Context ctx) {
        try {
            AlertRule rule = json.readValue(ctx.body(), AlertRule.class);
            if (rule == null) {
                throw new BadRequestResponse("the body must be a JSON rule object, was null");
            }
            return rule;
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("the body must be a JSON rule (see /openapi.json, AlertRule): " + e.getOriginalMessage());
        } catch (InvalidRuleException e) {
            throw new BadRequestResponse(e.getMessage());
        }
    }

    private void requireAdmin(Context ctx) {
        if (!adminToken.isConfigured()) {
            throw new ForbiddenResponse(AdminToken.HOW_TO_SET);
        }
        if (!adminToken.accepts(ctx.header(Header.AUTHORIZATION))) {
            ctx.header(Header.WWW_AUTHENTICATE, "Bearer");
            throw new UnauthorizedResponse("this needs the admin token: send the header 'Authorization: Bearer <token>'");
        }
    }

    private static Instant instant(Context ctx, String name, Instant fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return value.length() == 10 ? java.time.LocalDate.parse(value).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()
                    : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadRequestResponse(name + " must be a date like 2011-03-29 or an instant like 2011-03-29T14:00:00Z, was '" + value + "'");
        }
    }

    private static NotFoundResponse notFound(String id) {
        return new NotFoundResponse("no rule with id '" + id + "' (see /api/alerts/rules)");
    }
}
