package org.comity.evidence.persistence;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.comity.evidence.domain.SigningKey;
import org.comity.node.SecretFiles;

/**
 * The node's evidence signing key in an owner-only file ({@code evidence-signing.key}: the PKCS#8
 * private key and the X.509 public key, base 64, one a line), made at first start. A separate key from
 * the exchange's: custody records must verify for as long as evidence is kept, longer than an exchange
 * key is valid, and the exchange module offers no signing to other modules.
 */
public final class SigningKeyFile {

    private SigningKeyFile() {}

    public static SigningKey load(Path file) {
        if (!Files.exists(file)) {
            var fresh = SigningKey.generate();
            var b64 = Base64.getEncoder();
            SecretFiles.createOwnerOnly(
                    file, b64.encodeToString(fresh.pkcs8()) + "\n" + b64.encodeToString(fresh.publicKey()) + "\n");
        }
        var lines = SecretFiles.readOwnerOnly(file).strip().split("\n");
        if (lines.length != 2) {
            throw new IllegalStateException("the evidence signing key file " + file + " is not two lines");
        }
        var b64 = Base64.getDecoder();
        return SigningKey.of(b64.decode(lines[0].strip()), b64.decode(lines[1].strip()));
    }
}
