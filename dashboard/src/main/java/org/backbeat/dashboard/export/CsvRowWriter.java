package org.backbeat.dashboard.export;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes rows of a {@link CsvTable} as RFC 4180 CSV in UTF-8 (Commons CSV): CRLF line ends, a field quoted when it
 * holds a comma, quote, CR or LF (quotes doubled), a header row first, and a UTF-8 byte order mark before it when
 * asked (Excel reads UTF-8 without one as the local code page). Numbers are plain decimals with {@code .}
 * ({@code -0.42}, {@code 0.000012}, never {@code 1.2E-5}); text cells are {@link FormulaGuard neutralised};
 * collections are joined with {@code ;}; an instant is ISO-8601 UTC. Rows go through a buffer to {@code out};
 * {@link #flush()} pushes them on (a page at a time when streaming).
 *
 * <p>{@link #close()} flushes and closes {@code out}; {@link #finish()} flushes without closing it.
 */
public final class CsvRowWriter<T> implements Flushable, Closeable {

    public static final char BOM = '\uFEFF';
    /** The list separator inside one cell. */
    public static final String LIST_SEPARATOR = ";";
    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().get();

    private final CsvTable<T> table;
    private final CSVPrinter printer;
    private final Object[] cells;
    private long rows;

    public CsvRowWriter(OutputStream out, CsvTable<T> table, boolean bom) throws IOException {
        this.table = table;
        BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        if (bom) {
            writer.write(BOM);
        }
        this.printer = new CSVPrinter(writer, FORMAT);
        this.cells = new Object[table.columns().size()];
        printer.printRecord(table.names());
    }

    public CsvTable<T> table() {
        return table;
    }

    public void write(T row) throws IOException {
        var columns = table.columns();
        for (int i = 0; i < cells.length; i++) {
            Column<T> c = columns.get(i);
            cells[i] = cell(c.type(), c.value().apply(row));
        }
        printer.printRecord(cells);
        rows++;
    }

    public void writeAll(Iterable<? extends T> rows) throws IOException {
        for (T row : rows) {
            write(row);
        }
    }

    /** Rows written so far (the header not counted). */
    public long rows() {
        return rows;
    }

    @Override
    public void flush() throws IOException {
        printer.flush();
    }

    /** Flushes everything written; leaves the stream open. */
    public void finish() throws IOException {
        printer.flush();
    }

    @Override
    public void close() throws IOException {
        printer.close(true);
    }

    /** The text of one cell. */
    static String cell(Column.Type type, Object value) {
        if (value == null) {
            return "";
        }
        if (type == Column.Type.NUMBER) {
            return number(value);
        }
        return FormulaGuard.neutralise(text(value));
    }

    static String number(Object value) {
        if (value instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return "";
            }
            return d == 0 ? "0" : BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
        }
        if (value instanceof Float f) {
            return number(Double.valueOf(f.toString()));
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("not a number: " + value.getClass().getSimpleName() + " " + value);
    }

    static String text(Object value) {
        if (value instanceof Instant i) {
            return i.toString();
        }
        if (value instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(LIST_SEPARATOR));
        }
        return value.toString();
    }
}
