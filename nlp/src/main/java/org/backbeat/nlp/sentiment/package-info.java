/**
 * The sentiment model: a text in, a {@link org.backbeat.core.Sentiment} out. The {@link org.backbeat.nlp.sentiment.Scorer}
 * interface and the production choice ({@link org.backbeat.nlp.sentiment.Scorers}); CoreNLP's recursive model
 * ({@link org.backbeat.nlp.sentiment.CoreNlpScorer}); and the calibrated scorer built on it
 * ({@link org.backbeat.nlp.sentiment.CalibratedScorer}): tweet-aware normalisation, features (lexicon, emoji,
 * negation, intensity, words), and the trained softmax model read from {@code sentiment-model.json} beside
 * this package.
 */
package org.backbeat.nlp.sentiment;
