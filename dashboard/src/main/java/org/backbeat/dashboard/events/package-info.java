/**
 * Known events (launches, lawsuits, deals...) that the impact analysis measures: the
 * {@link org.backbeat.dashboard.events.Event} record, its Elasticsearch index
 * ({@link org.backbeat.dashboard.events.EventStore}, seeded from {@code events.json}), and the
 * {@link org.backbeat.dashboard.events.EventsController} API, whose writes need the
 * {@link org.backbeat.dashboard.events.AdminToken}.
 */
package org.backbeat.dashboard.events;
