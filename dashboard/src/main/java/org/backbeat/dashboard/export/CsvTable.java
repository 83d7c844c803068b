package org.backbeat.dashboard.export;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The column list of one export kind, in its documented, stable order (docs/reports.md), and the subset a
 * {@code columns=} parameter asks for, in the order asked.
 *
 * @param <T> the row type
 */
public record CsvTable<T>(String kind, List<Column<T>> columns) {

    public CsvTable {
        columns = List.copyOf(columns);
        Set<String> names = new LinkedHashSet<>();
        for (Column<T> c : columns) {
            if (!names.add(c.name())) {
                throw new IllegalArgumentException("column " + c.name() + " twice in " + kind);
            }
        }
    }

    @SafeVarargs
    public static <T> CsvTable<T> of(String kind, Column<T>... columns) {
        return new CsvTable<>(kind, Arrays.asList(columns));
    }

    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    public Optional<Column<T>> column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst();
    }

    /**
     * The columns named in {@code list} (comma-separated, in that order, each once), or every column when the list
     * is null or blank.
     *
     * @throws UnknownColumnException naming the unknown columns and listing the valid ones
     */
    public CsvTable<T> select(String list) {
        if (list == null || list.isBlank()) {
            return this;
        }
        List<String> wanted = Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).distinct().toList();
        List<String> unknown = wanted.stream().filter(n -> column(n).isEmpty()).toList();
        if (!unknown.isEmpty() || wanted.isEmpty()) {
            throw new UnknownColumnException((unknown.isEmpty() ? "columns names no column" : "unknown column"
                    + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown))
                    + "; the columns of " + kind + " are: " + String.join(", ", names()));
        }
        List<Column<T>> chosen = new ArrayList<>();
        for (String n : wanted) {
            chosen.add(column(n).orElseThrow());
        }
        return new CsvTable<>(kind, chosen);
    }

    /** The names, comma-separated: what a header row and the docs list. */
    @Override
    public String toString() {
        return kind + columns.stream().map(Column::name).collect(Collectors.joining(", ", "[", "]"));
    }
}
