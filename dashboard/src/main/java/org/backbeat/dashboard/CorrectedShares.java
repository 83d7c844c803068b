package org.backbeat.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.backbeat.core.Json;
import org.backbeat.core.quantify.Confusion;
import org.backbeat.core.quantify.ShareQuantifier;

/**
 * A series bucket's label shares corrected for the sentiment model's known confusion (adjusted classify and
 * count, see {@link ShareQuantifier} and docs/api.md): {@code negative}, {@code neutral} and {@code positive}
 * become the corrected shares with their 95% intervals ({@code negativeLow}, {@code negativeHigh}, ...), and
 * the label counts and their plain shares move to {@code raw}. Every other field of the bucket is kept as is.
 */
final class CorrectedShares {

    private static final String[] CLASSES = {"negative", "neutral", "positive"};

    /** Label counts seen often (small and empty-ish buckets of hourly series) are corrected once: at most this many kept. */
    private static final int MEMO_SIZE = 20_000;

    private final ShareQuantifier quantifier;
    /** The bootstrap is seeded, so the same counts always give the same shares: computed once per counts. */
    private final Map<List<Long>, ShareQuantifier.Shares> memo = new ConcurrentHashMap<>();

    CorrectedShares(ShareQuantifier quantifier) {
        this.quantifier = quantifier;
    }

    /** With the committed model's confusion. */
    static CorrectedShares standard() {
        return new CorrectedShares(new ShareQuantifier(Confusion.standard()));
    }

    List<ObjectNode> buckets(List<PostQueries.SeriesBucket> buckets) {
        // Each bucket's bootstrap (1,000 replicates, ~1-2 ms) is independent of the others': spread them over the cores.
        return buckets.parallelStream().map(this::bucket).toList();
    }

    ObjectNode bucket(PostQueries.SeriesBucket bucket) {
        ObjectNode json = Json.mapper().valueToTree(bucket);
        if (bucket.scored() == 0 || bucket.negative() == null) {
            for (String c : CLASSES) {
                json.putNull(c + "Low");
                json.putNull(c + "High");
            }
            json.putNull("raw");
            return json;
        }
        double[] plain = {bucket.negative(), bucket.neutral(), bucket.positive()};
        long[] counts = new long[3];
        for (int c = 0; c < 3; c++) {
            counts[c] = Math.round(plain[c] * bucket.scored());
        }
        ShareQuantifier.Shares shares = adjusted(counts);
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

    private ShareQuantifier.Shares adjusted(long[] counts) {
        List<Long> key = Arrays.stream(counts).boxed().toList();
        ShareQuantifier.Shares known = memo.get(key);
        if (known != null) {
            return known;
        }
        ShareQuantifier.Shares shares = quantifier.adjusted(counts);
        if (memo.size() >= MEMO_SIZE) {
            memo.clear(); // simplest bound; a cleared memo only costs recomputation
        }
        memo.put(key, shares);
        return shares;
    }
}
