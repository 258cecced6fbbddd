package org.comity.testing;

import java.time.LocalDate;
import org.comity.treaty.Treaties;

/**
 * The UNCC in force between fictional States (XA–XZ, QM–QZ) from 2025-06-08: forty fictional
 * ratifications, so that the safeguards assessment of a test request has a legal basis and only the
 * findings a test is about. Needs {@code comity.treaty.fictional-states=true}; importing twice adds nothing.
 */
public final class FictionalUncc {

    public static final String PROPERTY = "comity.treaty.fictional-states=true";

    private FictionalUncc() {}

    public static void inForce(Treaties treaties) {
        var csv = new StringBuilder("instrument,party,action,date,source,as_of,note\n");
        var codes = new java.util.ArrayList<String>();
        for (char c = 'A'; c <= 'Z'; c++) {
            codes.add("X" + c);
        }
        for (char c = 'M'; c <= 'Z'; c++) {
            codes.add("Q" + c);
        }
        for (int i = 0; i < 40; i++) {
            csv.append("UNCC,")
                    .append(codes.get(i))
                    .append(",ratification,")
                    .append(LocalDate.parse("2025-03-10").minusDays(39 - i))
                    .append(",\"fictional depositary notification, for a test\",2025-03-31,\n");
        }
        treaties.importActions(csv.toString(), "fictional-uncc.csv", "test", "cli");
    }
}
