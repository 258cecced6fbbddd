package org.comity.accounts;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sign-in through an OpenID Connect provider ({@code comity.accounts.oidc.*}); off unless {@code
 * enabled}. See {@link OidcSignIn}.
 *
 * @param issuerUri the provider's issuer; its {@code /.well-known/openid-configuration} is read on the
 *     first sign-in, and ID tokens must name exactly this issuer
 * @param clientId this node's client at the provider
 * @param clientSecret the client secret (set it through the environment, {@code
 *     COMITY_ACCOUNTS_OIDC_CLIENT_SECRET}), or
 * @param clientSecretFile a file holding it (trailing white space ignored)
 * @param identityClaim which claim, with the issuer, identifies a person: {@code email} (only when
 *     the provider says {@code email_verified}) or {@code sub}
 * @param displayName the provider's name on the sign-in button ("Sign in with …")
 * @param only whether the password form is withdrawn from the console sign-in page
 * @param trustIdpMfa whether a provider that reports a second factor ({@code amr} containing {@code
 *     mfa} or {@code otp}) stands in for the local one-time code
 */
@ConfigurationProperties("comity.accounts.oidc")
record OidcProperties(
        boolean enabled,
        @Nullable URI issuerUri,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable Path clientSecretFile,
        @DefaultValue("email") String identityClaim,
        @DefaultValue("your organisation") String displayName,
        boolean only,
        boolean trustIdpMfa) {

    static final List<String> IDENTITY_CLAIMS = List.of("email", "sub");

    /** Every configuration mistake at once, so a node refuses to start rather than half-work. */
    List<String> problems() {
        var problems = new ArrayList<String>();
        if (issuerUri == null || issuerUri.getHost() == null) {
            problems.add("comity.accounts.oidc.issuer-uri: required, an absolute URL");
        } else if (!"https".equals(issuerUri.getScheme()) && !loopback(issuerUri)) {
            problems.add("comity.accounts.oidc.issuer-uri: must be https (http only on a loopback address)");
        }
        if (clientId == null || clientId.isBlank()) {
            problems.add("comity.accounts.oidc.client-id: required");
        }
        if ((clientSecret == null || clientSecret.isEmpty()) == (clientSecretFile == null)) {
            problems.add("comity.accounts.oidc.client-secret or client-secret-file: exactly one is required");
        }
        if (!IDENTITY_CLAIMS.contains(identityClaim)) {
            problems.add("comity.accounts.oidc.identity-claim: one of " + IDENTITY_CLAIMS);
        }
        if (displayName.isBlank() || displayName.length() > 60) {
            problems.add("comity.accounts.oidc.display-name: 1 to 60 characters");
        }
        return problems;
    }

    private static boolean loopback(URI uri) {
        return "http".equals(uri.getScheme())
                && (uri.getHost().equals("localhost")
                        || uri.getHost().equals("127.0.0.1")
                        || uri.getHost().equals("[::1]"));
    }

    @Override
    public String toString() {
        return "OidcProperties[enabled=" + enabled + ", issuerUri=" + issuerUri + ", clientId=" + clientId
                + ", identityClaim=" + identityClaim + ", only=" + only + ", trustIdpMfa=" + trustIdpMfa + "]";
    }
}
