package org.comity.accounts;

/** What a user may do on this node. A user can hold several roles. */
public enum Role {
    /** Drafts, registers and works on requests. */
    CASEWORKER,
    /** Assesses requests legally and proposes or takes decisions. */
    LEGAL_REVIEWER,
    /** Gives the second approval on sensitive actions; oversees workload and deadlines. */
    SUPERVISOR,
    /** Manages users, treaty data, profiles, policy packs and keys. */
    ADMIN,
    /** Reads everything, changes nothing. */
    AUDITOR;

    /** The Spring Security authority name for this role. */
    public String authority() {
        return "ROLE_" + name();
    }
}
