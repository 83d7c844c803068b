package org.backbeat.ingest.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.backbeat.core.Catalogue;
import org.backbeat.core.TrackedEntity;
import org.backbeat.ingest.social.HttpJson;
import org.backbeat.ingest.social.SourceSettings;
import org.backbeat.ingest.source.Secrets;
import org.backbeat.ingest.source.Source;
import org.backbeat.ingest.source.SourceFactory;

/**
 * Type {@code mastodon}: one polling source per entry, plus one streaming source per hashtag when
 * {@code stream} is true. Settings: {@code instance} (required: {@code mastodon.social} or
 * {@code https://mastodon.social}), {@code hashtags} (default: the catalogue's hashtags), {@code keywords}
 * (default none; needs the token), {@code interval} (default 2m), {@code stream} (default false; needs the
 * token), {@code pageSize} (40, at most 40), {@code maxPages} (10), {@code name} (default
 * {@code mastodon:<host>}). Secret: {@code MASTODON_ACCESS_TOKEN} (optional for hashtag timelines).
 */
public final class MastodonSourceFactory implements SourceFactory {

    public static final String TYPE = "mastodon";
    public static final String TOKEN = "MASTODON_ACCESS_TOKEN";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<Source> create(JsonNode node, Catalogue catalogue, Secrets secrets) {
        SourceSettings s = new SourceSettings(node, Set.of("instance", "hashtags", "keywords", "interval", "stream", "pageSize", "maxPages"));
        String instanceSetting = s.text("instance", null);
        if (instanceSetting == null) {
            throw new IllegalArgumentException("source of type mastodon needs the setting 'instance', e.g. \"mastodon.social\"");
        }
        URI instance = instanceUri(instanceSetting);
        String name = s.text("name", "mastodon:" + instance.getHost());
        List<String> hashtags = s.list("hashtags");
        if (hashtags == null) {
            hashtags = catalogueHashtags(catalogue);
        }
        hashtags = hashtags.stream().map(t -> t.startsWith("#") ? t.substring(1) : t).toList();
        List<String> keywords = s.list("keywords") == null ? List.of() : s.list("keywords");
        boolean stream = s.bool("stream", false);
        String token = secrets.get(TOKEN).orElse(null);
        if (token == null && (stream || !keywords.isEmpty())) {
            secrets.require(TOKEN, "source " + name + (stream ? " (stream: true)" : " (keywords)"));
        }
        HttpJson http = new HttpJson(HttpJson.defaultClient(), name, "X-RateLimit-Remaining", "X-RateLimit-Reset");
        List<Source> sources = new ArrayList<>();
        sources.add(new MastodonSource(name, http, instance, hashtags, keywords, token, s.integer("pageSize", 40, 1, 40),
                s.integer("maxPages", 10, 1, 1000), s.duration("interval", Duration.ofMinutes(2), Duration.ofSeconds(5))));
        if (stream) {
            for (String tag : hashtags) {
                sources.add(new MastodonStreamSource(name + ":stream:" + tag, HttpJson.defaultClient(), instance, tag, token));
            }
        }
        return sources;
    }

    static URI instanceUri(String setting) {
        String url = setting.contains("://") ? setting : "https://" + setting;
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        URI uri = URI.create(url);
        if (uri.getHost() == null || (uri.getPath() != null && !uri.getPath().isEmpty())) {
            throw new IllegalArgumentException("mastodon setting 'instance' must be a host or a base URL without a path, not '" + setting + "'");
        }
        return uri;
    }

    private static List<String> catalogueHashtags(Catalogue catalogue) {
        Set<String> tags = new LinkedHashSet<>();
        for (TrackedEntity entity : catalogue.entities()) {
            entity.hashtags().forEach(tags::add);
        }
        if (tags.isEmpty()) {
            throw new IllegalArgumentException("mastodon: the catalogue has no hashtags; set 'hashtags' or 'keywords'");
        }
        return List.copyOf(tags);
    }
}
