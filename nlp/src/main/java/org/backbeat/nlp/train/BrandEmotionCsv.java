package org.backbeat.nlp.train;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.backbeat.core.SentimentLabel;

/**
 * The CrowdFlower "Judge Emotion About Brands and Products" file (SXSW 2011 tweets): cp1252 CSV with
 * quoted fields, columns tweet text, brand or product, emotion towards it. Bytes cp1252 does not define
 * become U+FFFD.
 */
final class BrandEmotionCsv {

    /** One labelled tweet: the brand it judges and the emotion towards it (null: "I can't tell"). */
    record Row(int line, String text, String brand, SentimentLabel emotion) {
    }

    private BrandEmotionCsv() {
    }

    static List<Row> read(Path file) throws IOException {
        try (Reader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), Charset.forName("windows-1252").newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
            List<List<String>> records = Csv.parse(in);
            List<Row> rows = new ArrayList<>();
            for (int i = 1; i < records.size(); i++) { // row 0 is the header
                List<String> r = records.get(i);
                if (r.size() < 3) {
                    continue;
                }
                rows.add(new Row(i + 1, r.get(0), r.get(1).strip(), emotion(r.get(2))));
            }
            return rows;
        }
    }

    private static SentimentLabel emotion(String label) {
        return switch (label.strip()) {
            case "Positive emotion" -> SentimentLabel.POSITIVE;
            case "Negative emotion" -> SentimentLabel.NEGATIVE;
            case "No emotion toward brand or product" -> SentimentLabel.NEUTRAL;
            default -> null;
        };
    }
}
