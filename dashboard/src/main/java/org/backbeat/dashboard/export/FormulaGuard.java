package org.backbeat.dashboard.export;

/**
 * CSV injection defence (OWASP "CSV Injection"): a spreadsheet runs a cell that begins with {@code =}, {@code +},
 * {@code -} or {@code @} as a formula, and tab, CR or LF in front of one can hide it. Such a text cell gets a
 * leading apostrophe, which Excel, LibreOffice and Google Sheets show as a plain text cell; the rest of the text is
 * kept as it was, so the original is the cell minus its first character. Numeric columns never pass through here:
 * a score of -0.42 stays a number.
 */
public final class FormulaGuard {

    private FormulaGuard() {
    }

    /** The text as it may go into a CSV text cell: unchanged unless it begins with a formula character. */
    public static String neutralise(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return startsFormula(text) ? "'" + text : text;
    }

    /** Whether a spreadsheet could take the text for a formula: it begins with = + - @, tab, CR or LF. */
    public static boolean startsFormula(String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.charAt(0)) {
            case '=', '+', '-', '@', '\t', '\r', '\n' -> true;
            default -> false;
        };
    }
}
