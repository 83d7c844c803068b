/**
 * Training and evaluation, run from the CLI ({@code backbeat train}, {@code eval}, {@code eval-targeted}),
 * never by the pipeline: the labelled corpora of the shared data folder and their fixed splits, the
 * CoreNLP output cache, the trainer of the sentiment model, sentiment metrics and evaluations, and the
 * entity-targeted evaluations on the CrowdFlower SXSW 2011 set and on SemEval subtask B files.
 */
package org.backbeat.nlp.train;
