/**
 * Alerts: rules evaluated on {@code posts.scored} in Kafka Streams, on event time, into the {@code alerts}
 * topic; and the dispatcher that delivers each alert to the matching webhook subscriptions, signed,
 * retried and never lost.
 */
package org.backbeat.alerts;
