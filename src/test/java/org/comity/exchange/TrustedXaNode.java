package org.comity.exchange;

import org.comity.testing.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one node of {@code ExchangeNodeTest} and {@code ExchangePagesTest}: XA's central authority at
 * the fixtures' moment ({@link ExchangeFixtures#NOW}), trusting the fixtures' directory operator, with
 * sequence 1 of the signed directory loaded from its file at start (the tests upload others over it).
 * {@code @Import(TrustedXaNode.Clock.class)} and call {@link #properties} from the class's
 * {@code @DynamicPropertySource}.
 */
final class TrustedXaNode {

    private TrustedXaNode() {}

    @TestConfiguration
    static class Clock {
        @Bean
        @Primary
        MutableClock testClock() {
            return new MutableClock(ExchangeFixtures.NOW);
        }
    }

    static void properties(DynamicPropertyRegistry registry) {
        registry.add("comity.exchange.authority.state", () -> "XA");
        registry.add("comity.exchange.authority.name", () -> "Central Authority of XA");
        registry.add("comity.exchange.authority.inbox", () -> "https://xa.example/exchange/inbox");
        registry.add(
                "comity.exchange.directory.trusted-keys[0]", () -> TrustFixturesTest.fixture("operator.public.jwk"));
        registry.add(
                "comity.exchange.directory.location",
                () -> TrustedXaNode.class
                        .getResource("/exchange/directory-older.jws")
                        .toString());
    }
}
