/**
 * The read side of Backbeat: a web dashboard over the posts indices that the index process
 * ({@code org.backbeat.index}) fills. This process consumes no Kafka.
 *
 * <pre>
 *              monthly indices backbeat-posts-2011.03, ... behind the read alias backbeat-posts
 *              (schema: {@link org.backbeat.index.schema.PostIndex}, {@link org.backbeat.index.schema.PostDocument})
 *                      │
 *                      ▼
 *              {@link org.backbeat.dashboard.PostQueries} (date_histogram, terms, nested, filter, extended_stats)
 *                      │            {@link org.backbeat.dashboard.SentimentStats}: means with t-based 95% intervals
 *                      ▼
 *              {@link org.backbeat.dashboard.DashboardApp} (Javalin: /api/*, /openapi.json, /api-docs, the page at /)
 *                      │  events ({@code events} package), impact and change points ({@code impact} package)
 * </pre>
 *
 * The launcher builds one {@link co.elastic.clients.elasticsearch.ElasticsearchClient} with
 * {@link org.backbeat.index.schema.EsClients}, passes it down, and closes it last.
 */
package org.backbeat.dashboard;
