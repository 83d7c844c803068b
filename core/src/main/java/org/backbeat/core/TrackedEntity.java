package org.backbeat.core;

import java.util.List;

/**
 * One entry of the catalogue: a label, a service or product, a trade body.
 *
 * @param id        stable id used in posts, documents and URLs ({@code amazon}, {@code umg})
 * @param name      display name
 * @param kind      {@code label}, {@code service}, {@code product}, {@code trade-body}, ...
 * @param parent    id of the owning entity (a product's company), or null; a post about a product is
 *                  also about its parent
 * @param aliases   names as written in text; all-caps aliases ({@code EMI}) and those in {@code exactCase}
 *                  match only as written, the others in any case
 * @param exactCase aliases that are ordinary words in other cases ({@code Tidal} vs "tidal wave")
 * @param handles   social handles without the {@code @}
 * @param hashtags  hashtags without the {@code #}
 * @param contexts  context rules for ambiguous aliases ("Amazon" not next to "rainforest"), may be empty
 */
public record TrackedEntity(String id, String name, String kind, String parent, List<String> aliases,
                            List<String> exactCase, List<String> handles, List<String> hashtags,
                            List<AliasContext> contexts) {

    /** An entity without context rules. */
    public TrackedEntity(String id, String name, String kind, String parent, List<String> aliases,
                         List<String> exactCase, List<String> handles, List<String> hashtags) {
        this(id, name, kind, parent, aliases, exactCase, handles, hashtags, List.of());
    }

    public TrackedEntity {
        Post.requireText(id, "entity id");
        Post.requireText(name, "entity name of " + id);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        exactCase = exactCase == null ? List.of() : List.copyOf(exactCase);
        handles = handles == null ? List.of() : List.copyOf(handles);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
        for (AliasContext c : contexts) {
            if (!aliases.contains(c.alias())) {
                throw new IllegalArgumentException("entity '" + id + "' has context rules for '" + c.alias()
                        + "', which is not one of its aliases");
            }
        }
    }
}
