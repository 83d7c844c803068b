package org.backbeat.nlp.train;

import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.pipeline.Annotation;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import edu.stanford.nlp.util.CoreMap;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.backbeat.core.Catalogue;
import org.backbeat.core.Mention;
import org.backbeat.core.SharedData;

/**
 * Does CoreNLP's statistical NER find organisations and products the catalogue misses? Runs NER-lite
 * (no SUTime, numeric or fine-grained classifiers) over the CrowdFlower SXSW 2011 tweets and compares its
 * ORGANIZATION/MISC/PERSON mentions with the catalogue's (default catalogue plus the SXSW devices).
 * {@code java -cp ... org.backbeat.nlp.train.NerCoverage [shared-data-dir [limit]]}; the folder defaults to
 * {@link SharedData#root()}.
 */
public final class NerCoverage {

    public static void main(String[] args) throws Exception {
        Path data = args.length > 0 ? Path.of(args[0]) : SharedData.root();
        int limit = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        List<BrandEmotionCsv.Row> rows = BrandEmotionCsv.read(data.resolve(TargetedSentimentEval.DATA_FILE)).stream()
                .filter(r -> !r.text().isBlank()).limit(limit).toList();
        Catalogue catalogue = TargetedSentimentEval.evalCatalogue();
        Properties p = new Properties();
        p.setProperty("annotators", "tokenize,ssplit,pos,lemma,ner");
        p.setProperty("tokenize.options", "untokenizable=noneDelete");
        p.setProperty("ner.useSUTime", "false");
        p.setProperty("ner.applyNumericClassifiers", "false");
        p.setProperty("ner.applyFineGrained", "false");
        p.setProperty("ner.buildEntityMentions", "true");
        StanfordCoreNLP ner = new StanfordCoreNLP(p);

        Map<String, Integer> missedByCatalogue = new HashMap<>();
        Map<String, Integer> missedByNer = new HashMap<>();
        int nerMentions = 0;
        int nerOverlapping = 0;
        int catalogueMentions = 0;
        int catalogueFoundByNer = 0;
        long start = System.nanoTime();
        for (BrandEmotionCsv.Row row : rows) {
            Annotation doc = new Annotation(row.text());
            ner.annotate(doc);
            List<Mention> ours = catalogue.mentions(row.text());
            catalogueMentions += ours.size();
            List<CoreMap> theirs = doc.get(CoreAnnotations.MentionsAnnotation.class);
            boolean[] found = new boolean[ours.size()];
            for (CoreMap m : theirs == null ? List.<CoreMap>of() : theirs) {
                String type = m.get(CoreAnnotations.NamedEntityTagAnnotation.class);
                if (!List.of("ORGANIZATION", "MISC", "PERSON").contains(type)) {
                    continue;
                }
                nerMentions++;
                int b = m.get(CoreAnnotations.CharacterOffsetBeginAnnotation.class);
                int e = m.get(CoreAnnotations.CharacterOffsetEndAnnotation.class);
                boolean overlap = false;
                for (int i = 0; i < ours.size(); i++) {
                    if (ours.get(i).begin() < e && b < ours.get(i).end()) {
                        overlap = true;
                        found[i] = true;
                    }
                }
                if (overlap) {
                    nerOverlapping++;
                } else {
                    missedByCatalogue.merge(type + " " + m.get(CoreAnnotations.TextAnnotation.class), 1, Integer::sum);
                }
            }
            for (int i = 0; i < ours.size(); i++) {
                if (found[i]) {
                    catalogueFoundByNer++;
                } else {
                    missedByNer.merge(ours.get(i).text(), 1, Integer::sum);
                }
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("NER-lite over %d SXSW tweets in %.0f s (%.1f texts/s, 1 thread)%n", rows.size(), seconds, rows.size() / seconds);
        System.out.printf("NER ORGANIZATION/MISC/PERSON mentions: %d, of which %d overlap a catalogue mention, %d do not%n",
                nerMentions, nerOverlapping, nerMentions - nerOverlapping);
        System.out.printf("catalogue mentions: %d, of which NER also found %d%n", catalogueMentions, catalogueFoundByNer);
        System.out.println("most frequent NER mentions the catalogue does not have:");
        missedByCatalogue.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(30)
                .forEach(e -> System.out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
        System.out.println("most frequent catalogue mentions NER missed:");
        missedByNer.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue()).limit(15)
                .forEach(e -> System.out.printf("  %4d  %s%n", e.getValue(), e.getKey()));
    }
}
