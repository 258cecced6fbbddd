package org.comity.accounts;

import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";

    /**
     * Argon2id for new hashes. The hash records its algorithm, so the defaults can be raised later and
     * old hashes still verify; bcrypt is accepted for imported accounts.
     */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new DelegatingPasswordEncoder(
                ARGON2,
                Map.of(
                        ARGON2,
                        Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                        "bcrypt",
                        new BCryptPasswordEncoder()));
    }
}
