package org.comity.treaty.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.comity.shared.InvalidInput;
import org.comity.treaty.Instrument;
import org.comity.treaty.Treaties;
import org.springframework.context.ApplicationContext;

/**
 * {@code comity treaty status} and {@code comity treaty import FILE.csv}. Exit codes: 0 done, 1 the
 * file was rejected (nothing imported), 2 usage error.
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

    private static int usage(PrintStream err) {
        err.println("usage: comity treaty status | comity treaty import FILE.csv");
        return 2;
    }
}
