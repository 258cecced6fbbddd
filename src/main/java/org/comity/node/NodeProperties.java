package org.comity.node;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The node's configuration under {@code comity.*}. Every key is documented in the README.
 *
 * @param dataDir where the node keeps what must survive a restart: the sandbox database, its keys
 * @param node who runs this node
 * @param sandbox settings of the embedded PostgreSQL used when no database is configured
 */
@ConfigurationProperties("comity")
public record NodeProperties(
        @DefaultValue("./comity-data") Path dataDir,
        @DefaultValue Identity node,
        @DefaultValue Sandbox sandbox) {

    /**
     * @param name shown on the home page and in request letters
     * @param authority the authority operating the node (a central authority, a 24/7 point of contact)
     * @param country ISO 3166-1 alpha-2 code of the State the node acts for, if it acts for one
     */
    public record Identity(
            @DefaultValue("Comity sandbox node") String name,
            @DefaultValue("Not configured (sandbox)") String authority,
            @Nullable String country) {}

    /**
     * @param port TCP port of the embedded PostgreSQL on 127.0.0.1; 0 picks a free one at each start
     */
    public record Sandbox(@DefaultValue("0") int port) {}
}
