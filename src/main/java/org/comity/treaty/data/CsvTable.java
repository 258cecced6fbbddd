package org.comity.treaty.data;

import java.util.ArrayList;
import java.util.List;
import org.comity.shared.InvalidInput;
import org.comity.shared.Violation;

/**
 * A small RFC 4180 reader that remembers the line each record starts on, so problems can name it. Own
 * code rather than a library because the line of every record is the point.
 */
final class CsvTable {

    record Row(int line, List<String> cells) {}

    private final List<String> header;
    private final List<Row> rows;

    private CsvTable(List<String> header, List<Row> rows) {
        this.header = header;
        this.rows = rows;
    }

    List<String> header() {
        return header;
    }

    List<Row> rows() {
        return rows;
    }

    /**
     * Parses the text; a missing header or an unterminated quote is an {@link InvalidInput}. The first
     * header is the current one; the others are older forms still accepted.
     */
    static CsvTable parse(String text, List<String> expectedHeader, List<?>... alsoAccepted) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        var records = new ArrayList<Row>();
        var cells = new ArrayList<String>();
        var cell = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    cell.append(c);
                }
                continue;
            }
            switch (c) {
                case '"' -> {
                    quoted = true;
                    any = true;
                }
                case ',' -> {
                    cells.add(cell.toString());
                    cell.setLength(0);
                    any = true;
                }
                case '\r' -> {
                    // CRLF line ends: the \n ends the record
                }
                case '\n' -> {
                    if (any || cell.length() > 0) {
                        cells.add(cell.toString());
                        records.add(new Row(recordLine, List.copyOf(cells)));
                    }
                    cells.clear();
                    cell.setLength(0);
                    any = false;
                    line++;
                    recordLine = line;
                }
                default -> {
                    cell.append(c);
                    any = true;
                }
            }
        }
        if (quoted) {
            throw InvalidInput.of("line " + recordLine, "unterminated-quote", "a quoted value is never closed");
        }
        if (any || cell.length() > 0) {
            cells.add(cell.toString());
            records.add(new Row(recordLine, List.copyOf(cells)));
        }
        if (records.isEmpty()) {
            throw InvalidInput.of("line 1", "header", "the file is empty; expected the header " + expectedHeader);
        }
        var header = records.getFirst().cells().stream().map(String::strip).toList();
        boolean accepted = header.equals(expectedHeader);
        for (List<?> older : alsoAccepted) {
            accepted |= header.equals(older);
        }
        if (!accepted) {
            throw new InvalidInput(List.of(
                    new Violation("line 1", "header", "the header must be " + String.join(",", expectedHeader))));
        }
        return new CsvTable(header, List.copyOf(records.subList(1, records.size())));
    }

    /** One value quoted only if needed. */
    static String quote(String value) {
        if (value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r")) {
            return "\"" + value.replace("\"", "\"\"") + "\"";
        }
        return value;
    }
}
