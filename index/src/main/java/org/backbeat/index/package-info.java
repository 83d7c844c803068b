/**
 * The index stage ({@code backbeat index}): scored posts from Kafka into Elasticsearch.
 *
 * <pre>
 * posts.scored ──▶ {@link org.backbeat.index.Indexer} (poll loop; commit after ack, rewind on outage)
 *                      │  {@link org.backbeat.index.IndexBatch}: last operation per post id
 *                      │  {@link org.backbeat.index.BulkWriter}: the one BulkIngester, retries
 *                      │  {@link org.backbeat.index.DeadLetterSink}: what cannot be indexed ──▶ posts.dlq
 *                      ▼
 *              monthly indices backbeat-posts-2011.03, ... behind the read alias backbeat-posts
 *              ({@link org.backbeat.index.schema.PostIndex}); tombstones find their month through the alias
 *              ({@link org.backbeat.index.PostLocator})
 * </pre>
 *
 * The process reports its health at {@code /health} ({@link org.backbeat.core.health.HealthServer}). The schema the
 * dashboard reads with lives in {@link org.backbeat.index.schema}.
 */
package org.backbeat.index;
