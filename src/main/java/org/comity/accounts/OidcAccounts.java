package org.comity.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.comity.accounts.persistence.JdbcAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * Turns an identity the provider vouched for (Spring Security has checked the ID token's signature,
 * issuer, audience, expiry and nonce) into the local account linked to it: issuer plus the
 * configured claim ({@code sub}, or {@code email} when {@code email_verified} is true) must be linked
 * to an enabled account. Nothing is created and nothing is taken from the provider but the identity:
 * roles, unit and second factor are the account's. Refusals are logged on one line, without a stack
 * trace.
 */
final class OidcAccounts implements OAuth2UserService<OidcUserRequest, OidcUser> {

    /** Refusal error codes and the sign-in page outcome each one shows. */
    static final Map<String, String> OUTCOMES = Map.of(
            "comity_unknown_identity", "unknown",
            "comity_account_disabled", "disabled",
            "comity_email_unverified", "unverified");

    /** {@code amr} values (RFC 8176) that say the provider checked a second factor. */
    private static final List<String> MULTI_FACTOR = List.of("mfa", "otp");

    private static final Logger log = LoggerFactory.getLogger(OidcSignIn.class);

    private final OidcUserService provider = new OidcUserService();
    private final JdbcAccounts store;
    private final OidcProperties properties;

    OidcAccounts(JdbcAccounts store, OidcProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public OidcUser loadUser(OidcUserRequest request) {
        // Validates the ID token's claims and reads the UserInfo endpoint (its sub must match).
        var identity = provider.loadUser(request);
        var issuer = identity.getIdToken().getIssuer().toString();
        var subject = subject(identity);
        var username = store.accountForIdentity(issuer, subject)
                .orElseThrow(() -> refused(
                        "comity_unknown_identity", "no account is linked to " + printable(subject) + " at " + issuer));
        var state = store.sessionState(username)
                .orElseThrow(() -> refused("comity_account_disabled", "account " + username + " is disabled"));
        var account = store.find(username).orElseThrow();
        var idpMultiFactor = properties.trustIdpMfa() && multiFactor(identity);
        return new OidcAccountPrincipal(
                username,
                account.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList(),
                state.generation(),
                identity.getIdToken(),
                identity.getUserInfo(),
                idpMultiFactor,
                !idpMultiFactor && state.hasSecondFactor());
    }

    private String subject(OidcUser identity) {
        if (properties.identityClaim().equals("sub")) {
            return identity.getSubject();
        }
        var email = identity.getEmail();
        if (email == null || !Boolean.TRUE.equals(identity.getEmailVerified())) {
            throw refused("comity_email_unverified", "the provider did not vouch for an e-mail address");
        }
        return normalisedEmail(email);
    }

    /** E-mail addresses are linked and compared in lower case. */
    static String normalisedEmail(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static boolean multiFactor(OidcUser identity) {
        var amr = identity.getIdToken().getAuthenticationMethods();
        return amr != null && amr.stream().anyMatch(MULTI_FACTOR::contains);
    }

    private static OAuth2AuthenticationException refused(String code, String why) {
        log.info("OIDC sign-in refused: {}", why);
        return new OAuth2AuthenticationException(new OAuth2Error(code), why);
    }

    /** At most 255 printable characters, so a provider's claim cannot forge log lines. */
    private static String printable(String text) {
        var cleaned = text.replaceAll("\\p{Cntrl}", "?");
        return cleaned.length() <= 255 ? cleaned : cleaned.substring(0, 255) + "…";
    }
}
