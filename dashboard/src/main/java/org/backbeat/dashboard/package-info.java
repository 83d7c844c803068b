/**
 * The read side of Backbeat: scored posts into Elasticsearch, and a web dashboard over them.
 *
 * <pre>
 * posts.scored ──▶ {@link org.backbeat.dashboard.Indexer} (poll loop; commit after ack, rewind on outage)
 *                      │  {@link org.backbeat.dashboard.IndexBatch}: last operation per post id
 *                      │  {@link org.backbeat.dashboard.BulkWriter}: the one BulkIngester, retries
 *                      │  {@link org.backbeat.dashboard.DeadLetterSink}: what cannot be indexed ──▶ posts.dlq
 *                      ▼
 *              Elasticsearch alias backbeat-posts ──▶ backbeat-posts-v1 ({@link org.backbeat.dashboard.PostIndex})
 *                      │
 *                      ▼
 *              {@link org.backbeat.dashboard.PostQueries} (date_histogram, terms, avg)
 *                      │
 *                      ▼
 *              {@link org.backbeat.dashboard.DashboardApp} (Javalin: /api/*, the page at /, ECharts WebJar)
 * </pre>
 *
 * The launcher builds one {@link co.elastic.clients.elasticsearch.ElasticsearchClient} with
 * {@link org.backbeat.dashboard.EsClients}, passes it down, and closes it last.
 */
package org.backbeat.dashboard;
