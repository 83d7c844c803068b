/**
 * The webhook dispatcher: a consumer of the {@code alerts} topic that delivers every alert to each matching
 * subscription, signed as Standard Webhooks 1.0, retried with backoff, parked after the last attempt, and
 * never delivered twice to one subscription.
 *
 * <ul>
 *   <li>{@code subscription}: what an admin registers (URL, format, filters, secret) and its Elasticsearch store;</li>
 *   <li>{@code payload}: the request bodies, generic JSON, Slack and Discord;</li>
 *   <li>{@code ssrf}: which addresses a webhook may reach;</li>
 *   <li>{@code http}: the one HTTP client that connects to the address that was checked;</li>
 *   <li>{@code delivery}: delivery state (the compacted {@code alerts.deliveries} topic), the retry schedule,
 *       what a response means, and the delivery log in Elasticsearch;</li>
 *   <li>this package: {@link org.backbeat.alerts.webhook.WebhookDispatcher} composing them, its
 *       {@link org.backbeat.alerts.webhook.DispatcherConfig} and the {@link org.backbeat.alerts.webhook.WebhookSigner}.</li>
 * </ul>
 */
package org.backbeat.alerts.webhook;
