package org.comity.treaty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.treaty.Instrument;
import org.comity.treaty.NewWithdrawal;
import org.comity.treaty.Treaties;
import org.springframework.context.ApplicationContext;

/**
 * {@code comity treaty status}, {@code comity treaty import FILE.csv} and {@code comity treaty withdraw
 * (ID | INSTRUMENT,PARTY,ACTION,DATE[,STANDING]) REASON [NOTE]}. Exit codes: 0
 * done, 1 refused (the file or the withdrawal; nothing stored), 2 usage error.
 */
public final class TreatyCommand {

    private TreatyCommand() {}

    public static int run(List<String> args, PrintStream out, PrintStream err, ApplicationContext context) {
        if (args.isEmpty()) {
            return usage(err);
        }
        var treaties = context.getBean(Treaties.class);
        return switch (args.getFirst()) {
            case "status" -> args.size() == 1 ? status(treaties, out) : usage(err);
            case "import" -> args.size() == 2 ? importFile(treaties, Path.of(args.get(1)), out, err) : usage(err);
            case "withdraw" -> withdraw(treaties, args.subList(1, args.size()), out, err);
            default -> usage(err);
        };
    }

    private static int status(Treaties treaties, PrintStream out) {
        var today = treaties.today();
        out.println("Treaty registry on " + today + " (UTC)");
        treaties.shippedCounts().forEach((what, count) -> out.println("  " + what + ": " + count));
        for (Instrument instrument : treaties.instruments()) {
            if (!List.of("global", "regional", "protocol").contains(instrument.kind())) {
                continue;
            }
            var progress = treaties.progress(instrument.id(), Optional.of(today));
            out.println(instrument.id() + " (" + instrument.shortName() + "): in force " + progress.inForce()
                    + progress.entryIntoForce().map(d -> " since " + d).orElse("") + "; counting instruments "
                    + progress.counted() + " of " + progress.required() + " required ("
                    + progress.countedWithUnknownDate() + " with unknown date); signatures " + progress.signatures());
        }
        return 0;
    }

    private static int importFile(Treaties treaties, Path file, PrintStream out, PrintStream err) {
        String csv;
        try {
            csv = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            err.println("cannot read " + file + ": " + e.getMessage());
            return 2;
        }
        try {
            var result = treaties.importActions(
                    csv, file.getFileName().toString(), "cli:" + System.getProperty("user.name", "unknown"), "cli");
            out.println("imported " + result.added() + " action(s), skipped " + result.skipped()
                    + " already recorded; import " + result.id());
            return 0;
        } catch (InvalidInput e) {
            err.println(file + " was rejected; nothing was imported. "
                    + e.violations().size() + " problem(s):");
            e.violations().forEach(v -> err.println("  " + v.field() + " [" + v.rule() + "] " + v.message()));
            return 1;
        }
    }

    /**
     * {@code withdraw RECORD REASON [NOTE]}: RECORD is the id of a record added on this node or the key
     * {@code INSTRUMENT,PARTY,ACTION,DATE[,STANDING]} of a shipped one. Positional, because the dispatcher
     * hands every {@code --option} to Spring.
     */
    private static int withdraw(Treaties treaties, List<String> args, PrintStream out, PrintStream err) {
        if (args.size() < 2 || args.size() > 3) {
            return usage(err);
        }
        Long id = null;
        String[] key = new String[5];
        var record = args.get(0);
        if (record.matches("[0-9]{1,18}")) {
            id = Long.parseLong(record);
        } else {
            var parts = record.split(",", -1);
            if (parts.length < 4 || parts.length > 5) {
                return usage(err);
            }
            System.arraycopy(parts, 0, key, 0, parts.length);
        }
        var reason = args.get(1);
        try {
            var done = treaties.withdraw(
                    new NewWithdrawal(
                            id, key[0], key[1], key[2], key[3], key[4], reason, args.size() == 3 ? args.get(2) : null),
                    "cli:" + System.getProperty("user.name", "unknown"),
                    "cli");
            var a = done.withdrawn();
            out.println("withdrawn: " + a.instrument() + " " + a.party().value() + " "
                    + a.type().code() + " "
                    + a.date().map(java.time.LocalDate::toString).orElse("unknown") + " (" + reason + ")");
            return 0;
        } catch (InvalidInput e) {
            err.println("refused; nothing was withdrawn. " + e.violations().size() + " problem(s):");
            e.violations().forEach(v -> err.println("  " + v.field() + " [" + v.rule() + "] " + v.message()));
            return 1;
        } catch (NotFound | Conflict e) {
            err.println("refused; nothing was withdrawn: " + e.getMessage());
            return 1;
        }
    }

    private static int usage(PrintStream err) {
        err.println("usage: comity treaty status | comity treaty import FILE.csv"
                + " | comity treaty withdraw (ID | INSTRUMENT,PARTY,ACTION,DATE[,STANDING]) REASON [NOTE]");
        return 2;
    }
}
