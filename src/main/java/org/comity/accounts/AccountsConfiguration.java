package org.comity.accounts;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
@org.springframework.boot.context.properties.EnableConfigurationProperties(OidcProperties.class)
class AccountsConfiguration {

    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    /**
     * Argon2id for new hashes. The hash records its algorithm, so the defaults can be raised later and
     * old hashes still verify; bcrypt is accepted for imported accounts.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new BoundedPasswordEncoder(new DelegatingPasswordEncoder(
                ARGON2,
                Map.of(
                        ARGON2,
                        Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt",
                        new BCryptPasswordEncoder())));
    }

    /**
     * Argon2id costs memory and CPU on purpose; with virtual threads nothing else bounds how many run
     * at once, so a flood of Basic-authenticated calls could exhaust the node. At most a few hashes run
     * concurrently; the others wait briefly and then fail closed.
     */
    static final class BoundedPasswordEncoder implements PasswordEncoder {
        private final PasswordEncoder delegate;
        private final java.util.concurrent.Semaphore permits = new java.util.concurrent.Semaphore(
                Math.max(2, Runtime.getRuntime().availableProcessors()));

        BoundedPasswordEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence raw) {
            return bounded(() -> delegate.encode(raw));
        }

        @Override
        public boolean matches(CharSequence raw, String encoded) {
            return bounded(() -> delegate.matches(raw, encoded));
        }

        @Override
        public boolean upgradeEncoding(String encoded) {
            return delegate.upgradeEncoding(encoded);
        }

        private <T> T bounded(java.util.function.Supplier<T> work) {
            try {
                if (!permits.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new org.springframework.security.authentication.AuthenticationServiceException(
                            "too many sign-ins at once; try again");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.springframework.security.authentication.AuthenticationServiceException("interrupted");
            }
            try {
                return work.get();
            } finally {
                permits.release();
            }
        }
    }
}
