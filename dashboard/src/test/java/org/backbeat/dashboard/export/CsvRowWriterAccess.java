package org.backbeat.dashboard.export;

/** Test access to how the writer formats a number, so expected cells are formatted the same way. */
public final class CsvRowWriterAccess {

    private CsvRowWriterAccess() {
    }

    public static String number(Object value) {
        return CsvRowWriter.number(value);
    }
}
