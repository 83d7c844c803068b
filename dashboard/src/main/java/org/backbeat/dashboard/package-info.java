/**
 * The read side of Backbeat: scored posts into Elasticsearch, and a web dashboard over them.
 *
 * <pre>
 * posts.scored ──▶ {@link org.backbeat.dashboard.Indexer} (poll loop; commit after ack, rewind on outage)
 *                      │  {@link org.backbeat.dashboard.IndexBatch}: last operation per post id
 *                      │  {@link org.backbeat.dashboard.BulkWriter}: the one BulkIngester, retries
 *                      │  {@link org.backbeat.dashboard.DeadLetterSink}: what cannot be indexed ──▶ posts.dlq
 *                      ▼
 *              monthly indices backbeat-posts-2011.03, ... (template, strict mapping, nested entity sentiment)
 *              behind the read alias backbeat-posts ({@link org.backbeat.dashboard.PostIndex});
 *              tombstones find their month through the alias ({@link org.backbeat.dashboard.PostLocator})
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
 * {@link org.backbeat.dashboard.EsClients}, passes it down, and closes it last.
 */
package org.backbeat.dashboard;
