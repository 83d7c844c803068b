/**
 * Sentiment towards each entity a post names ({@link org.backbeat.nlp.entities.TargetedSentiment}): clauses,
 * contrast markers and comparatives, with its rules in {@code targeting.json} beside this package. The
 * entities themselves are tagged by the catalogue in core ({@link org.backbeat.core.Catalogue}).
 */
package org.backbeat.nlp.entities;
