package org.backbeat.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import org.backbeat.core.Json;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.core.quantify.ShareQuantifier;
import org.backbeat.core.quantify.ShareQuantifier.IntervalMethod;

/**
 * A series bucket's label shares corrected for the sentiment model's known confusion (adjusted classify and
 * count, see {@link ShareQuantifier} and docs/api.md): {@code negative}, {@code neutral} and {@code positive}
 * become the corrected shares with their 95% intervals ({@code negativeLow}, {@code negativeHigh}, ...), and
 * the label counts and their plain shares move to {@code raw}. Every other field of the bucket is kept as is.
 *
 * <p>The intervals are the delta method's by default (microseconds a bucket, so a year of days costs nothing);
 * {@code intervals=bootstrap} asks for the seeded bootstrap (about a millisecond a bucket, computed in turn: a
 * year of days then adds a few hundred milliseconds).
 */
final class CorrectedShares {

    private static final String[] CLASSES = {"negative", "neutral", "positive"};

    private final ShareQuantifier quantifier;

    CorrectedShares(ShareQuantifier quantifier) {
        this.quantifier = quantifier;
    }

    /** With the committed model's confusion. */
    static CorrectedShares standard() {
        return new CorrectedShares(new ShareQuantifier(Confusion.standard()));
    }

    /** {@code intervals}: {@code delta} (default) or {@code bootstrap}. */
    static IntervalMethod method(Params.Lookup p) {
        return IntervalMethod.valueOf(Params.choice(p, "intervals", "delta", "delta", "bootstrap").toUpperCase(Locale.ROOT));
    }

    List<ObjectNode> buckets(List<PostQueries.SeriesBucket> buckets, IntervalMethod method) {
        return buckets.stream().map(b -> bucket(b, method)).toList();
    }

    /** The corrected shares of a bucket with scored posts, null without. */
    ShareQuantifier.Shares shares(PostQueries.SeriesBucket bucket, IntervalMethod method) {
        PostQueries.LabelCounts labels = bucket.labels();
        if (bucket.scored() == 0 || bucket.negative() == null || labels.total() == 0) {
            return null;
        }
        return quantifier.adjusted(new long[] {labels.negative(), labels.neutral(), labels.positive()}, method);
    }

    ObjectNode bucket(PostQueries.SeriesBucket bucket, IntervalMethod method) {
        ObjectNode json = Json.mapper().valueToTree(bucket);
        ShareQuantifier.Shares shares = shares(bucket, method);
        if (shares == null) {
            for (String c : CLASSES) {
                json.putNull(c + "Low");
                json.putNull(c + "High");
            }
            json.putNull("raw");
            return json;
        }
        PostQueries.LabelCounts labels = bucket.labels();
        long[] counts = {labels.negative(), labels.neutral(), labels.positive()};
        double[] plain = {bucket.negative(), bucket.neutral(), bucket.positive()};
        ObjectNode raw = json.putObject("raw");
        for (int c = 0; c < 3; c++) {
            json.put(CLASSES[c], shares.estimate()[c]);
            json.put(CLASSES[c] + "Low", shares.low()[c]);
            json.put(CLASSES[c] + "High", shares.high()[c]);
            raw.put(CLASSES[c], counts[c]);
        }
        for (int c = 0; c < 3; c++) {
            raw.put(CLASSES[c] + "Share", plain[c]);
        }
        return json;
    }
}
