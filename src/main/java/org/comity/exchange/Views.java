package org.comity.exchange;

import com.nimbusds.jose.jwk.ECKey;
import org.comity.exchange.domain.DirectoryEntry;
import org.comity.exchange.domain.Entries;

/** Verified entries as the API shows them. */
final class Views {

    private Views() {}

    static AuthorityView of(DirectoryEntry entry) {
        var a = entry.authority();
        return new AuthorityView(
                a.id().value(),
                a.state().value(),
                a.name(),
                a.role().code(),
                a.inbox().toString(),
                entry.keys().stream().map(Views::key).toList());
    }

    static AuthorityView.KeyView key(ECKey key) {
        return new AuthorityView.KeyView(key.getKeyID(), Entries.purpose(key).orElseThrow(), validity(key));
    }

    static KeyValidity validity(ECKey key) {
        return new KeyValidity(
                key.getNotBeforeTime().toInstant(),
                key.getExpirationTime().toInstant(),
                key.getKeyRevocation() == null
                        ? null
                        : key.getKeyRevocation().getRevocationTime().toInstant());
    }
}
