package org.comity.exchange;

import java.util.List;

/** An authority and its published keys as the API shows them. */
public record AuthorityView(String id, String state, String name, String role, String inbox, List<KeyView> keys) {

    /** A published key: its id, purpose and validity, and whether it was revoked. */
    public record KeyView(String keyId, KeyPurpose purpose, KeyValidity validity) {}
}
