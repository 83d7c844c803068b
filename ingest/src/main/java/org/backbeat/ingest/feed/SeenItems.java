package org.backbeat.ingest.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ids of the items a feed showed lately, newest first, capped at {@link #CAPACITY}, kept in the
 * checkpoint as one space-separated value: a feed that changed sends only its new items on, and a
 * server that ignores conditional GETs costs bandwidth, not duplicates.
 */
final class SeenItems {

    static final int CAPACITY = 1_000;

    private final Set<String> ids;

    private SeenItems(Set<String> ids) {
        this.ids = ids;
    }

    static SeenItems decode(String value) {
        Set<String> ids = new LinkedHashSet<>();
        if (value != null && !value.isBlank()) {
            ids.addAll(List.of(value.strip().split("\\s+")));
        }
        return new SeenItems(ids);
    }

    boolean contains(String id) {
        return ids.contains(id);
    }

    /** These ids with {@code current} (the feed's items now) first, capped. */
    SeenItems plus(Collection<String> current) {
        Set<String> merged = new LinkedHashSet<>(current);
        merged.addAll(ids);
        List<String> capped = new ArrayList<>(merged).subList(0, Math.min(merged.size(), CAPACITY));
        return new SeenItems(new LinkedHashSet<>(capped));
    }

    String encode() {
        return String.join(" ", ids);
    }

    int size() {
        return ids.size();
    }
}
