package org.comity.node.sandbox;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when neither {@code comity.datasource.url} nor {@code spring.datasource.url} names a server:
 * only then does the node start its own PostgreSQL.
 */
class NoDatabaseConfigured implements Condition {

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        var environment = context.getEnvironment();
        return !StringUtils.hasText(environment.getProperty("comity.datasource.url"))
                && !StringUtils.hasText(environment.getProperty("spring.datasource.url"));
    }
}
