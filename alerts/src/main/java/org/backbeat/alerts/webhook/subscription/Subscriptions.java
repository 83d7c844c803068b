package org.backbeat.alerts.webhook.subscription;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.backbeat.alerts.webhook.ssrf.TargetGuard;

/**
 * The subscription use cases an admin has: create (the secret is generated here and returned this once), list,
 * read, replace (the secret and creation time stay) and delete. Validates before anything is stored, with
 * messages that say what to fix; an IP literal the SSRF guard would refuse is refused already here.
 */
public final class Subscriptions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SubscriptionStore store;
    private final TargetGuard guard;
    private final Clock clock;

    public Subscriptions(SubscriptionStore store, TargetGuard guard, Clock clock) {
        this.store = store;
        this.guard = guard;
        this.clock = clock;
    }

    public CreatedSubscription create(SubscriptionRequest request) {
        validate(request);
        Instant now = clock.instant();
        String secret = WebhookSecret.generate();
        Subscription subscription = new Subscription(Subscription.SCHEMA_VERSION, newId(), request.cleanName(),
                request.url().strip(), request.formatOrDefault(), request.filter(), request.enabledOrDefault(),
                request.enabledOrDefault() ? null : "disabled by an admin", secret, now, now);
        store.create(subscription);
        return new CreatedSubscription(subscription.view(), secret);
    }

    public List<SubscriptionView> list() {
        return store.list().stream().map(Subscription::view).toList();
    }

    public Optional<SubscriptionView> get(String id) {
        return store.get(id).map(Subscription::view);
    }

    /** Replaces what the request sets; empty when there is no such subscription. Re-enabling clears the reason. */
    public Optional<SubscriptionView> replace(String id, SubscriptionRequest request) {
        validate(request);
        Optional<Subscription> stored = store.get(id);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        Subscription old = stored.get();
        boolean enabled = request.enabledOrDefault();
        Subscription updated = new Subscription(Subscription.SCHEMA_VERSION, id, request.cleanName(), request.url().strip(),
                request.formatOrDefault(), request.filter(), enabled,
                enabled ? null : (old.enabled() ? "disabled by an admin" : old.disabledReason()), old.secret(),
                old.createdAt(), clock.instant());
        return store.replace(updated) ? Optional.of(updated.view()) : Optional.empty();
    }

    public boolean delete(String id) {
        return store.delete(id);
    }

    private void validate(SubscriptionRequest request) {
        if (request == null) {
            throw new InvalidSubscriptionException(List.of("the body must be a JSON object with at least a url"));
        }
        List<String> problems = new ArrayList<>(request.problems());
        if (problems.isEmpty()) {
            guard.literalProblem(URI.create(request.url().strip())).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new InvalidSubscriptionException(problems);
        }
    }

    private static String newId() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return "sub_" + HexFormat.of().formatHex(bytes);
    }
}
