package org.backbeat.ingest.mastodon;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mastodon's paging links: {@code Link: <url?max_id=..>; rel="next", <url?min_id=..>; rel="prev"}. */
final class LinkHeader {

    private static final Pattern LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?([^\",;]+)\"?");

    private LinkHeader() {
    }

    /** The URL of relation {@code rel} ({@code next} = older, {@code prev} = newer), if the header has it. */
    static Optional<String> find(String header, String rel) {
        if (header == null) {
            return Optional.empty();
        }
        Matcher m = LINK.matcher(header);
        while (m.find()) {
            if (m.group(2).strip().equalsIgnoreCase(rel)) {
                return Optional.of(m.group(1).strip());
            }
        }
        return Optional.empty();
    }
}
