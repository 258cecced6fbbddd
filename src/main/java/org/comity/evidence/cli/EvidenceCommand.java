package org.comity.evidence.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.comity.evidence.CustodyExport;
import org.comity.evidence.Evidence;
import org.comity.evidence.domain.CustodyChainBroken;
import org.comity.evidence.domain.SignatureRefused;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code comity evidence ...}. Exit status 0 on success, 1 when a chain does not verify, 2 for a usage
 * or I/O problem.
 */
public final class EvidenceCommand {

    static final String USAGE = """
            usage:
              evidence verify-custody FILE KEY-ID
                  verifies an exported custody chain offline: every record's place, link, hash and
                  signature, by the node key whose id (SHA-256 of its public key) is KEY-ID
              evidence export-custody PACKAGE-ID FILE [--comity.data-dir=DIR]
                  exports a package's custody chain from the node's database (the export is recorded)
              evidence key-id [--comity.data-dir=DIR]
                  prints the id of the node's evidence signing key, to publish to verifiers""";

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvidenceCommand() {}

    /** True for the commands that need the node's database (and so a Spring context). */
    public static boolean needsNode(List<String> args) {
        return !args.isEmpty() && List.of("export-custody", "key-id").contains(args.getFirst());
    }

    public static int run(List<String> args, PrintStream out, PrintStream err, @Nullable ApplicationContext node) {
        try {
            if (args.size() == 3 && args.get(0).equals("verify-custody")) {
                return verify(Path.of(args.get(1)), args.get(2).strip().toLowerCase(java.util.Locale.ROOT), out, err);
            }
            if (node != null && args.size() == 3 && args.get(0).equals("export-custody")) {
                var export = node.getBean(Evidence.class).exportCustody(UUID.fromString(args.get(1)), "command-line");
                Files.writeString(Path.of(args.get(2)), JSON.writeValueAsString(export));
                out.println("Exported " + export.records().size() + " custody records of package " + export.packageId()
                        + " signed by key " + export.keyId());
                return 0;
            }
            if (node != null && args.size() == 1 && args.get(0).equals("key-id")) {
                out.println(node.getBean(Evidence.class).signingKeyId());
                return 0;
            }
        } catch (IOException | JacksonException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
        }
        err.println(USAGE);
        return 2;
    }

    static int verify(Path file, String keyId, PrintStream out, PrintStream err) throws IOException {
        CustodyExport export;
        try {
            export = JSON.readValue(Files.readString(file), CustodyExport.class);
        } catch (JacksonException e) {
            err.println("refused: the file is not an exported custody chain");
            return 1;
        }
        try {
            var verified = export.verify(keyId);
            out.println("Verified " + verified.records() + " custody records of package " + verified.packageId()
                    + ", signed by key " + verified.keyId() + "; last record hash " + verified.head());
            return 0;
        } catch (CustodyChainBroken e) {
            err.println("refused: " + e.getMessage());
            return 1;
        } catch (SignatureRefused e) {
            err.println("refused: " + e.getMessage());
            return 1;
        }
    }
}
