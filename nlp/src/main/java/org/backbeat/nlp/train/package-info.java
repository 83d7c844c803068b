/**
 * Training and evaluation, run from the CLI ({@code backbeat train}, {@code eval}, {@code eval-targeted}),
 * never by the pipeline: the labelled corpora of the shared data folder and their fixed splits, the
 * CoreNLP output cache, the trainer of the sentiment model, sentiment metrics and evaluations, and the
 * entity-targeted evaluation on the CrowdFlower SXSW 2011 set.
 */
package org.backbeat.nlp.train;
