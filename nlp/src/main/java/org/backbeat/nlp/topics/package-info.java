/**
 * The versioned topic taxonomy ({@link org.backbeat.nlp.topics.TopicTaxonomy}: lawsuit, licensing, piracy,
 * pricing, ...) and its tagger, with the terms in {@code topics.json} beside this package.
 */
package org.backbeat.nlp.topics;
