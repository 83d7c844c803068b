package org.backbeat.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.backbeat.core.Json;
import org.backbeat.core.Post;
import org.junit.jupiter.api.Test;

/** The plain parts of the fault proof and the load run, without processes. */
class FaultProofPartsTest {

    @Test
    void the_audit_counts_lost_duplicated_and_unexpected_ids() {
        Set<String> sent = Set.of("a", "b", "c", "d");

        IndexAudit.Result result = IndexAudit.compare(sent, List.of("a", "b", "b", "x"), 4);

        assertThat(result).isEqualTo(new IndexAudit.Result(4, 4, 2, 1, 1));
        assertThat(result.exact()).isFalse();
        assertThat(IndexAudit.compare(sent, List.of("a", "b", "c", "d"), 4).exact()).isTrue();
        // a copy in a second index that paging missed still shows in the document count
        assertThat(IndexAudit.compare(sent, List.of("a", "b", "c", "d"), 5).duplicated()).isEqualTo(1);
    }

    @Test
    void the_sequence_is_seeded_and_repeats_every_nth_post() {
        List<Post> first = take(new PostStream.Sequence(3, 20), 5_000);
        List<Post> again = take(new PostStream.Sequence(3, 20), 5_000);

        assertThat(again).isEqualTo(first);
        // posts 100 to 199 hold copies at positions 119, 139, ...: each the post sent 100 distinct posts before
        Post copy = first.get(119);
        assertThat(first.subList(0, 119)).contains(copy);
        long distinct = first.stream().map(Post::id).distinct().count();
        // the first copy comes once 100 posts were remembered: from post 120 on, one in 20
        assertThat(distinct).isEqualTo(5_000 - (5_000 - 100) / 20);
        // it goes past one seed's posts into the next seed's
        assertThat(first.get(4_999).id()).doesNotStartWith("simulated:3-");
    }

    @Test
    void a_takeover_needs_the_gone_instance_out_and_every_raw_partition_owned() {
        Map<String, Set<TopicPartition>> before = Map.of(
                "nlp-1", Set.of(raw(0), raw(1), repartition(0)), "nlp-2", Set.of(raw(2), raw(3)), "nlp-3", Set.of(raw(4), raw(5)));
        Map<String, Set<TopicPartition>> during = Map.of("nlp-1", Set.of(raw(0), raw(1)), "nlp-2", Set.of(raw(2), raw(3)));
        Map<String, Set<TopicPartition>> after = Map.of(
                "nlp-1", Set.of(raw(0), raw(1), raw(4)), "nlp-2", Set.of(raw(2), raw(3), raw(5), repartition(1)));

        assertThat(FaultProof.takenOver(before, "nlp-3", 6)).isFalse();
        assertThat(FaultProof.takenOver(during, "nlp-3", 6)).isFalse();
        assertThat(FaultProof.takenOver(after, "nlp-3", 6)).isTrue();
        assertThat(StageProcesses.describe(new java.util.TreeMap<>(after)))
                .isEqualTo("nlp-1: posts.raw 0,1,4 (+0 repartition); nlp-2: posts.raw 2,3,5 (+1 repartition)");
    }

    @Test
    void resident_memory_is_read_from_vmrss_in_kilobytes() {
        assertThat(ResidentMemory.parseVmRss(List.of("Name:\tjava", "VmPeak:\t 9000 kB", "VmRSS:\t  123456 kB"))).isEqualTo(123_456L * 1024);
        assertThat(ResidentMemory.parseVmRss(List.of("Name:\tzombie"))).isZero();
        assertThat(ResidentMemory.of(ProcessHandle.current())).isGreaterThan(10L * 1024 * 1024);
    }

    @Test
    void percentiles_of_latencies() {
        List<Long> values = new ArrayList<>();
        for (long i = 100; i >= 1; i--) {
            values.add(i);
        }
        // commons-math's default estimate: position p(n+1)/100, interpolated: 50.5 and 95.95
        assertThat(LoadRun.percentile(values, 50)).isEqualTo(51);
        assertThat(LoadRun.percentile(values, 95)).isEqualTo(96);
        assertThat(LoadRun.percentile(List.of(), 95)).isEqualTo(-1);
    }

    @Test
    void an_indexed_sentiment_differs_from_the_score_command_only_beyond_its_four_decimals() throws Exception {
        ObjectMapper json = Json.mapper();
        var expected = json.readTree("{\"id\":\"t0\",\"label\":\"positive\",\"score\":0.6123}");

        assertThat(ScoreCommandCheck.difference(new IndexAudit.IndexedPost("p", "x", "POSITIVE", 0.612_301), expected)).isNull();
        assertThat(ScoreCommandCheck.difference(new IndexAudit.IndexedPost("p", "x", "POSITIVE", 0.6125), expected))
                .isEqualTo("indexed positive 0.6125, backbeat score positive 0.6123");
        assertThat(ScoreCommandCheck.difference(new IndexAudit.IndexedPost("p", "x", "NEUTRAL", 0.6123), expected)).isNotNull();
        assertThat(ScoreCommandCheck.difference(new IndexAudit.IndexedPost("p", "x", null, 0), expected)).isNotNull();
        assertThat(ScoreCommandCheck.difference(new IndexAudit.IndexedPost("p", "x", "POSITIVE", 0.6123), null)).isNotNull();
    }

    private static TopicPartition raw(int p) {
        return new TopicPartition("posts.raw", p);
    }

    private static TopicPartition repartition(int p) {
        return new TopicPartition("backbeat-nlp-by-text-repartition", p);
    }

    private static List<Post> take(PostStream.Sequence sequence, int n) {
        List<Post> posts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            posts.add(sequence.next());
        }
        return posts;
    }
}
