package org.backbeat.alerts.webhook.subscription;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.backbeat.core.Alert;

/**
 * What an admin sends to create or replace a subscription. Strings rather than enums, so that a wrong value gets
 * a message naming the choices instead of a parser error.
 *
 * @param name        optional label
 * @param url         the receiver, {@code http://} or {@code https://}
 * @param format      {@code JSON} (default), {@code SLACK} or {@code DISCORD}
 * @param ruleIds     only alerts of these rules (empty: any)
 * @param entities    only alerts about these entities (empty: any)
 * @param minSeverity {@code INFO} (default), {@code WARNING} or {@code CRITICAL}
 * @param enabled     default true
 */
public record SubscriptionRequest(String name, String url, String format, List<String> ruleIds, List<String> entities,
                                  String minSeverity, Boolean enabled) {

    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_FILTER_VALUES = 100;

    /** Everything wrong with this request, one sentence each saying what to fix; empty when it is valid. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (url == null || url.isBlank()) {
            problems.add("url is required: the http:// or https:// address that receives the alerts");
        } else {
            problems.addAll(urlProblems(url.strip()));
        }
        if (format != null && !format.isBlank() && parse(WebhookFormat.class, format) == null) {
            problems.add("format must be one of " + Arrays.toString(WebhookFormat.values()) + ", was '" + format + "'");
        }
        if (minSeverity != null && !minSeverity.isBlank() && parse(Alert.Severity.class, minSeverity) == null) {
            problems.add("minSeverity must be one of " + Arrays.toString(Alert.Severity.values()) + ", was '" + minSeverity + "'");
        }
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            problems.add("name must be at most " + MAX_NAME_LENGTH + " characters, was " + name.length());
        }
        checkValues("ruleIds", ruleIds, problems);
        checkValues("entities", entities, problems);
        return problems;
    }

    /** The format, JSON when none was given; call after {@link #problems()} found none. */
    public WebhookFormat formatOrDefault() {
        return format == null || format.isBlank() ? WebhookFormat.JSON : parse(WebhookFormat.class, format);
    }

    public SubscriptionFilter filter() {
        Alert.Severity severity = minSeverity == null || minSeverity.isBlank() ? Alert.Severity.INFO
                : parse(Alert.Severity.class, minSeverity);
        return new SubscriptionFilter(clean(ruleIds), clean(entities), severity);
    }

    public boolean enabledOrDefault() {
        return enabled == null || enabled;
    }

    public String cleanName() {
        return name == null || name.isBlank() ? null : name.strip();
    }

    private static List<String> urlProblems(String url) {
        List<String> problems = new ArrayList<>();
        if (url.length() > MAX_URL_LENGTH) {
            problems.add("url must be at most " + MAX_URL_LENGTH + " characters, was " + url.length());
            return problems;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            problems.add("url is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + "); write it like https://hooks.example.org/backbeat");
            return problems;
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            problems.add("url must start with http:// or https://, was '" + (scheme == null ? "" : scheme + ":") + "…'");
        } else if (uri.getHost() == null || uri.getHost().isBlank()) {
            problems.add("url must name a host, like https://hooks.example.org/backbeat");
        }
        if (uri.getRawUserInfo() != null) {
            problems.add("url must not carry a user name or password (user@host): Backbeat signs every request instead");
        }
        if (uri.getRawFragment() != null) {
            problems.add("url must not have a #fragment: it is never sent to the server");
        }
        return problems;
    }

    private static void checkValues(String field, List<String> values, List<String> problems) {
        if (values == null) {
            return;
        }
        if (values.size() > MAX_FILTER_VALUES) {
            problems.add(field + " may list at most " + MAX_FILTER_VALUES + " values, had " + values.size());
        }
        if (values.stream().anyMatch(v -> v == null || v.isBlank())) {
            problems.add(field + " must not contain empty values");
        }
    }

    private static List<String> clean(List<String> values) {
        return values == null ? List.of() : values.stream().filter(v -> v != null && !v.isBlank()).map(String::strip).distinct().toList();
    }

    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
