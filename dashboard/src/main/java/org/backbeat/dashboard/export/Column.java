package org.backbeat.dashboard.export;

import java.util.function.Function;

/**
 * One column of an export: its header name, whether it holds numbers or text, and how a row gives its value.
 * A {@link Type#NUMBER} cell is written as a plain decimal with {@code .} (never neutralised: a spreadsheet must
 * read it as a number); a {@link Type#TEXT} cell goes through {@link FormulaGuard}. A null value is an empty cell.
 *
 * @param <T> the row type
 */
public record Column<T>(String name, Type type, Function<T, Object> value) {

    public enum Type { TEXT, NUMBER }

    public static <T> Column<T> text(String name, Function<T, Object> value) {
        return new Column<>(name, Type.TEXT, value);
    }

    public static <T> Column<T> number(String name, Function<T, Object> value) {
        return new Column<>(name, Type.NUMBER, value);
    }
}
