package org.backbeat.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.backbeat.core.quantify.ShareQuantifier;

/**
 * {@code GET /api/series?entity=amazon&topic=&source=&lang=&interval=day&from=2011-03-01&to=2011-04-01&weight=posts}:
 * volume, distinct texts and authors, mean sentiment with its 95% interval clustered by text, and label shares over
 * time, corrected for the model's known confusion ({@link CorrectedShares}; the counted shares under {@code raw}),
 * with delta-method intervals, or the bootstrap's with {@code intervals=bootstrap}.
 * With an entity, the sentiment towards that entity; {@code weight=texts} counts each distinct text once in the
 * mean ({@link Weight}).
 *
 * <p>{@code GET /api/series/drivers?bucket=2011-03-29&interval=day&size=5} (and the series' filters): what moved that
 * bucket ({@link BucketDrivers}).
 */
final class SeriesController {

    record Response(String entity, String topic, String source, String lang, String interval, String weight,
                    String intervals, Instant from, Instant to, List<ObjectNode> buckets) {
    }

    private final Params params;
    private final PostQueries queries;
    private final BucketDrivers drivers;
    private final CorrectedShares corrected;

    SeriesController(Params params, PostQueries queries) {
        this(params, queries, CorrectedShares.standard());
    }

    SeriesController(Params params, PostQueries queries, CorrectedShares corrected) {
        this.params = params;
        this.queries = queries;
        this.drivers = new BucketDrivers(queries);
        this.corrected = corrected;
    }

    void drivers(Context ctx) {
        PostFilter filter = params.filter(ctx);
        Interval interval = Params.interval(ctx);
        Instant bucket = Params.time(ctx, "bucket");
        if (bucket == null) {
            throw new BadRequestResponse("bucket is required: the time of the bucket, like 2011-03-29 or 2011-03-29T14:00:00Z");
        }
        TimeRange range = filter.range();
        if ((range.from() != null && interval.plus(interval.floor(bucket), 1).compareTo(range.from()) <= 0)
                || (range.to() != null && !interval.floor(bucket).isBefore(range.to()))) {
            throw new BadRequestResponse("bucket " + bucket + " is outside from/to");
        }
        int size = Params.size(ctx, "size", 5, 20);
        ctx.json(drivers.of(filter, interval, bucket, size));
    }

    void series(Context ctx) {
        PostFilter filter = params.filter(ctx);
        Interval interval = Params.interval(ctx);
        Weight weight = Weight.of(Params.Lookup.of(ctx));
        ShareQuantifier.IntervalMethod method = CorrectedShares.method(Params.Lookup.of(ctx));
        var buckets = queries.series(filter, interval, weight);
        ctx.json(new Response(filter.entity() == null ? Params.ALL : filter.entity(), filter.topic(), filter.source(),
                filter.lang(), interval.id(), weight.id(), method.name().toLowerCase(Locale.ROOT),
                filter.range().from(), filter.range().to(), corrected.buckets(buckets, method)));
    }
}
