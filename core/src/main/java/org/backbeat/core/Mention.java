package org.backbeat.core;

/**
 * Where a text names a catalogue entity.
 *
 * @param entity id of the entity the words name directly (a product, not its parent)
 * @param text   the words as written ("Amazon's" gives "Amazon", "#CloudPlayer" gives "#CloudPlayer")
 * @param begin  offset of the first character in the text
 * @param end    offset just past the last character
 */
public record Mention(String entity, String text, int begin, int end) {
}
