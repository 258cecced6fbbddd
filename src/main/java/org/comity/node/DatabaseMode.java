package org.comity.node;

/** Where the node's PostgreSQL runs. */
public enum DatabaseMode {
    /** An embedded PostgreSQL started by the node, data under {@code comity.data-dir}: not for production. */
    SANDBOX,
    /** A PostgreSQL server configured with {@code comity.datasource.url} or {@code spring.datasource.url}. */
    EXTERNAL
}
