package org.comity.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.comity.accounts.Accounts;
import org.comity.evidence.cli.EvidenceCommand;
import org.comity.exchange.cli.ExchangeCommand;
import org.comity.transparency.cli.LogCommand;
import org.comity.treaty.cli.TreatyCommand;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dispatches {@code comity <command> [arguments] [--spring.property=value …]}. Arguments starting with
 * {@code --} go to Spring (so {@code --comity.data-dir=…} or {@code --comity.datasource.url=…} pick the
 * node's database); the others belong to the command.
 */
public final class CommandLine {

    private static final List<String> COMMANDS = List.of("accounts", "treaty", "log", "exchange", "evidence", "help");

    private CommandLine() {}

    /** True when the first argument names a command rather than a Spring option. */
    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(Class<?> application, String[] args, PrintStream out, PrintStream err) {
        var words = new ArrayList<String>();
        var springArgs = new ArrayList<String>();
        for (String arg : Arrays.copyOfRange(args, 1, args.length)) {
            (arg.startsWith("--") ? springArgs : words).add(arg);
        }
        return switch (args[0]) {
            case "accounts" -> accounts(application, words, springArgs, out, err);
            case "treaty" -> treaty(application, words, springArgs, out, err);
            // The verifier is for anyone: it starts no application context and reads no database.
            case "log" -> LogCommand.run(Arrays.asList(Arrays.copyOfRange(args, 1, args.length)), out, err);
            // The directory operator's tool, like the verifier, runs on any machine without a node.
            case "exchange" -> ExchangeCommand.run(Arrays.asList(Arrays.copyOfRange(args, 1, args.length)), out, err);
            case "evidence" -> evidence(application, words, springArgs, out, err);
            default -> help(out);
        };
    }

    private static int accounts(
            Class<?> application, List<String> words, List<String> springArgs, PrintStream out, PrintStream err) {
        var command = words.isEmpty() ? "" : words.getFirst();
        boolean reset = command.equals("reset-password") && words.size() == 2;
        boolean link = (command.equals("link-identity") || command.equals("unlink-identity"))
                && (words.size() == 3 || words.size() == 4);
        if (!reset && !link) {
            err.println("usage: comity accounts reset-password USERNAME [--comity.datasource.url=…]");
            err.println("       comity accounts link-identity|unlink-identity USERNAME SUBJECT [ISSUER]");
            return 2;
        }
        try (var context = offline(application, springArgs)) {
            var accounts = context.getBean(Accounts.class);
            var username = words.get(1);
            if (reset) {
                var password = accounts.resetPassword(username, "command-line");
                out.println("New password for " + username + " (shown once): " + password);
            } else {
                var issuer = words.size() == 4 ? words.get(3) : null;
                if (command.equals("link-identity")) {
                    var linked = accounts.linkIdentity(username, issuer, words.get(2), "command-line");
                    out.println("Linked " + linked.subject() + " at " + linked.issuer() + " to " + username);
                } else {
                    accounts.unlinkIdentity(username, issuer, words.get(2), "command-line");
                    out.println("Unlinked " + words.get(2) + " from " + username + "; its sessions ended");
                }
            }
            return 0;
        } catch (org.comity.shared.NotFound e) {
            err.println(reset ? "no account named " + words.get(1) : "not found: " + e.getMessage());
            return 1;
        } catch (org.comity.shared.InvalidInput e) {
            e.violations().forEach(v -> err.println(v.field() + ": " + v.message()));
            return 2;
        } catch (org.comity.shared.Conflict e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static int treaty(
            Class<?> application, List<String> words, List<String> springArgs, PrintStream out, PrintStream err) {
        if (words.isEmpty()) {
            return TreatyCommand.run(words, out, err, null);
        }
        try (var context = offline(application, springArgs)) {
            return TreatyCommand.run(words, out, err, context);
        }
    }

    /** Verifying an exported custody chain needs no node; exporting one reads the node's database. */
    private static int evidence(
            Class<?> application, List<String> words, List<String> springArgs, PrintStream out, PrintStream err) {
        if (!EvidenceCommand.needsNode(words)) {
            return EvidenceCommand.run(words, out, err, null);
        }
        try (var context = offline(application, springArgs)) {
            return EvidenceCommand.run(words, out, err, context);
        } catch (org.comity.shared.NotFound e) {
            err.println("not found: " + e.getMessage());
            return 1;
        }
    }

    private static int help(PrintStream out) {
        out.println("""
                usage: java -jar comity.jar [COMMAND] [ARGUMENTS] [--property=value …]

                Without a command, starts the node.
                  accounts reset-password USERNAME   set a new random password and print it once
                  accounts link-identity USERNAME SUBJECT [ISSUER]
                                                     let an OIDC identity sign in as the account
                  accounts unlink-identity USERNAME SUBJECT [ISSUER]
                  treaty status                      instruments, parties and entry into force
                  treaty import FILE                 import treaty actions (CSV), all or nothing
                  treaty withdraw RECORD REASON [NOTE]
                                                     withdraw a wrong treaty action (audited; RECORD is
                                                     an id or INSTRUMENT,PARTY,ACTION,DATE[,STANDING])
                  log verify --node URL [...]        verify a node's public log: signature, root,
                                                     consistency with a saved state, a receipt
                  log stats --node URL               recompute the statistics from the public log
                  log monitor --log STATE=URL=VKEY … --state FILE
                                                     follow several States' logs: forks, unpaired requests
                  exchange operator-key create FILE  create a directory operator key (prints its public JWK)
                  exchange directory sign --key FILE --in DRAFT.json [--out FILE]
                                                     sign a trust directory, checked as a node would
                  exchange card show FILE|URL        a node's authority card: its entry and fingerprint
                  evidence verify-custody FILE KEY-ID
                                                     verify an exported custody chain offline
                  evidence export-custody PACKAGE-ID FILE
                                                     export a package's custody chain (recorded)
                  evidence key-id                    the id of the node's evidence signing key
                  help                               this text

                Options such as --comity.data-dir=DIR or --comity.datasource.url=URL choose the node's database.""");
        return 0;
    }

    /** The application without its web server, on the same database the node uses. */
    static ConfigurableApplicationContext offline(Class<?> application, List<String> springArgs) {
        return new SpringApplicationBuilder(application)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Commands print their own results; the node's INFO chatter would bury them.
                .properties("logging.level.root=WARN")
                .run(springArgs.toArray(String[]::new));
    }
}
