package org.comity.treaty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Configuration under {@code comity.treaty}.
 *
 * @param fictionalStates accept user-assigned codes (XA–XZ, QM–QZ, AA, ZZ) as fictional States in treaty
 *     actions and questions, for training nodes and tests; off in production so a typo is an error
 */
@ConfigurationProperties("comity.treaty")
public record TreatyProperties(@DefaultValue("false") boolean fictionalStates) {}
