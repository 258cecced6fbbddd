package org.comity.exchange.domain;

import com.nimbusds.jose.jwk.ECKey;
import java.util.List;
import org.comity.exchange.Authority;

/** One authority with its public keys, as a verified directory or card lists it. */
public record DirectoryEntry(Authority authority, List<ECKey> keys) {

    public DirectoryEntry {
        keys = List.copyOf(keys);
    }
}
