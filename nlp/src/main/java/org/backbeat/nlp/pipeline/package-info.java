/**
 * The running NLP stage: the Kafka Streams topology ({@link org.backbeat.nlp.pipeline.ScoringTopology}:
 * posts.raw → parse → dedupe → route by text → analyse → posts.scored / posts.dlq), the service that runs it
 * ({@link org.backbeat.nlp.pipeline.NlpService}) with its configuration record, and what analyses one post
 * ({@link org.backbeat.nlp.pipeline.PostAnalyzer}: sentiment, entities, entity sentiment, topics), with the
 * per-text score cache and the one-scorer-per-stream-thread wrapper.
 */
package org.backbeat.nlp.pipeline;
