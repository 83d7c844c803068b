package org.backbeat.alerts.webhook.subscription;

/** The shape of the request body a subscription receives. */
public enum WebhookFormat {
    /** Backbeat's own JSON document (see docs/alerts.md), for a receiver of your own. */
    JSON,
    /** A Slack incoming webhook message: {@code text} plus Block Kit {@code blocks}. */
    SLACK,
    /** A Discord webhook message: {@code content} plus one {@code embeds} entry. */
    DISCORD
}
