package org.comity.accounts;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.comity.accounts.persistence.JdbcAccounts;
import org.comity.shared.Conflict;
import org.comity.shared.InvalidInput;
import org.comity.shared.NotFound;
import org.comity.shared.Sha256;
import org.comity.shared.Violation;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Who may use this node: accounts, roles and API tokens. */
@Component
public class Accounts {

    /** Prefix that makes a leaked token recognisable to secret scanners. */
    static final String TOKEN_PREFIX = "comity_";

    static final Duration MAX_TOKEN_VALIDITY = Duration.ofDays(366);

    private final JdbcAccounts store;
    private final PasswordEncoder passwords;
    private final Clock clock;
    private final SignInThrottle throttle;
    private final SecondFactors secondFactors;
    private final OidcProperties oidc;
    private final SecureRandom random = new SecureRandom();

    Accounts(
            JdbcAccounts store,
            PasswordEncoder passwords,
            Clock clock,
            SignInThrottle throttle,
            SecondFactors secondFactors,
            OidcProperties oidc) {
        this.store = store;
        this.oidc = oidc;
        this.passwords = passwords;
        this.clock = clock;
        this.throttle = throttle;
        this.secondFactors = secondFactors;
    }

    @Transactional
    public Account register(NewAccount request, String actor) {
        request.validate();
        var account = new Account(
                request.username(),
                request.displayName().strip(),
                request.roles(),
                true,
                clock.instant(),
                request.unit());
        if (!store.insert(account, passwords.encode(request.password()))) {
            throw new Conflict("username-taken", "an account named '" + request.username() + "' already exists");
        }
        store.audit(account.createdAt(), actor, account.username(), "created with roles " + account.roles());
        return account;
    }

    /**
     * Registers an account whose password an administrator chose (console, API, command line): its
     * owner must replace it at the first console sign-in, before any other page.
     */
    @Transactional
    public Account registerWithTemporaryPassword(NewAccount request, String administrator) {
        var account = register(request, administrator);
        store.setPasswordMustChange(account.username(), true);
        return account;
    }

    /**
     * The account's owner replaces their password. Throws {@link InvalidInput} naming
     * {@code currentPassword} when it is wrong and {@code newPassword} when the new one breaks a rule
     * or equals the current one. The session that asks goes on; the password no longer needs changing.
     */
    @Transactional
    public void changeOwnPassword(String username, String currentPassword, String newPassword) {
        var credentials = store.credentials(username).orElseThrow(() -> new NotFound("account " + username));
        if (currentPassword == null || !passwords.matches(currentPassword, credentials.passwordHash())) {
            throw new InvalidInput(List.of(new org.comity.shared.Violation(
                    "currentPassword", "wrong-password", "this is not the account's current password")));
        }
        var problems = new java.util.ArrayList<org.comity.shared.Violation>();
        for (var problem : NewAccount.passwordProblems(newPassword, username)) {
            problems.add(new org.comity.shared.Violation("newPassword", problem.rule(), problem.message()));
        }
        if (problems.isEmpty() && newPassword.equals(currentPassword)) {
            problems.add(new org.comity.shared.Violation(
                    "newPassword", "password-unchanged", "must differ from the current password"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        store.replaceOwnPasswordHash(username, passwords.encode(newPassword));
        store.audit(clock.instant(), username, username, "password changed by its owner");
    }

    /**
     * Sets a new random password and returns it, for the one who asked to show it once. The owner must
     * replace it at the next console sign-in.
     */
    @Transactional
    public String resetPassword(String username, String actor) {
        var password = RandomPasswords.next(random);
        if (!store.updatePasswordHash(username, passwords.encode(password))) {
            throw new NotFound("account " + username);
        }
        store.setPasswordMustChange(username, true);
        // A reset is how a compromised account is recovered: tokens issued and sessions opened before it
        // must stop working (the new hash came with a new session generation).
        int revoked = store.revokeAllTokens(username, clock.instant());
        store.audit(
                clock.instant(),
                actor,
                username,
                "password reset; sessions ended; second factor removed; " + revoked + " API token(s) revoked");
        return password;
    }

    /**
     * Enables or disables an account. A disabled account can neither sign in nor use its API tokens,
     * and its open console sessions end at their next request (enabling it again does not revive them).
     * Nobody disables their own account, so an administrator cannot lock everyone out by mistake.
     */
    @Transactional
    public Account setEnabled(String username, boolean enabled, String actor) {
        if (!enabled && username.equals(actor)) {
            throw new Conflict("cannot-disable-self", "you cannot disable your own account");
        }
        if (!store.setEnabled(username, enabled)) {
            throw new NotFound("account " + username);
        }
        store.audit(clock.instant(), actor, username, enabled ? "enabled" : "disabled; sessions ended");
        return store.find(username).orElseThrow();
    }

    /** Moves an account to a unit, or to none (it then sees every unit's requests). */
    @Transactional
    public Account setUnit(String username, Optional<String> unit, String actor) {
        var cleaned = unit.map(String::strip).filter(u -> !u.isEmpty());
        if (cleaned.isPresent() && !NewAccount.UNIT.matcher(cleaned.get()).matches()) {
            throw InvalidInput.of("unit", "unit-format", "lower-case letters, digits and '-', at most 41 characters");
        }
        if (!store.setUnit(username, cleaned.orElse(null))) {
            throw new NotFound("account " + username);
        }
        store.audit(clock.instant(), actor, username, "unit set to " + cleaned.orElse("(none)"));
        return store.find(username).orElseThrow();
    }

    /** What was done to the account, newest first: the append-only account audit trail. */
    public List<AccountEvent> auditTrail(String username) {
        return store.events(username);
    }

    public Optional<Account> find(String username) {
        return store.find(username);
    }

    /**
     * The account behind a signed-in user: for an API token, the one its check loaded at the start of
     * this call (no second query); otherwise looked up by name.
     */
    public Optional<Account> signedIn(org.springframework.security.core.Authentication authentication) {
        if (authentication.getPrincipal() instanceof BearerTokens.TokenHolder holder) {
            return Optional.of(holder.account());
        }
        return find(authentication.getName());
    }

    /**
     * The account of {@code username} when that user is the one acting in this call: for an API token,
     * the account its check loaded at the start of the call (no second query, as {@link #signedIn});
     * for anyone else, or for a name that is not the caller's, looked up. Only for code that does not
     * change the account within the call, since the token's copy would not show such a change.
     */
    public Optional<Account> acting(String username) {
        var authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof BearerTokens.TokenHolder holder
                && holder.account().username().equals(username)) {
            return Optional.of(holder.account());
        }
        return find(username);
    }

    public List<Account> list() {
        return store.list();
    }

    public boolean isEmpty() {
        return store.count() == 0;
    }

    /** What a console session may do now (checked on every request, see {@link #sessionState}). */
    public enum SessionState {
        /** Go on. */
        CURRENT,
        /** The password was chosen by an administrator: the owner replaces it before anything else. */
        MUST_CHANGE_PASSWORD,
        /** The account was disabled or its password reset since the password was checked: end it. */
        ENDED,
        /** A role of the account requires a second factor and none is enrolled: enrol before anything else. */
        MUST_ENROL,
        /**
         * Signed in through an OpenID provider that did not vouch for a second factor, and the account
         * has one: show its current code before anything else ({@link #showOneTimeCode}).
         */
        MUST_SHOW_CODE
    }

    /**
     * Whether a signed-in user may go on: not once the account was disabled or its password reset
     * after the password was checked, and only to enrol while a required second factor is missing.
     */
    public SessionState sessionState(org.springframework.security.core.Authentication authentication) {
        if (!(authentication.getPrincipal() instanceof AccountPrincipal principal)) {
            // Every password sign-in yields an AccountPrincipal (SignIn); bearer tokens and HTTP Basic
            // are checked against the account on each call anyway. Other principals exist only in
            // tests that sign a mock user in.
            return SessionState.CURRENT;
        }
        var stored = store.sessionState(principal.getUsername());
        if (stored.isEmpty() || stored.get().generation() != principal.sessionGeneration()) {
            return SessionState.ENDED;
        }
        if (stored.get().passwordMustChange() && !(principal instanceof OidcAccountPrincipal)) {
            return SessionState.MUST_CHANGE_PASSWORD;
        }
        if (principal instanceof OidcAccountPrincipal oidcSignIn) {
            if (oidcSignIn.idpMultiFactor()) {
                return SessionState
                        .CURRENT; // the provider checked a second factor and oidc.trust-idp-mfa says that will do
            }
            if (oidcSignIn.codeOwed() && stored.get().hasSecondFactor()) {
                return SessionState.MUST_SHOW_CODE;
            }
        }
        return !stored.get().hasSecondFactor() && secondFactors.requiredFor(principal)
                ? SessionState.MUST_ENROL
                : SessionState.CURRENT;
    }

    /**
     * The one-time code an OIDC sign-in owes ({@link SessionState#MUST_SHOW_CODE}): a current, unused
     * code of the account's second factor, counted in the {@link SignInThrottle} like a password. Returns
     * the authentication that replaces the session's, no longer owing the code. Throws {@link
     * InvalidInput} naming {@code code} if it is wrong, {@link SignInThrottled} while throttled.
     */
    @Transactional
    public org.springframework.security.core.Authentication showOneTimeCode(
            org.springframework.security.core.Authentication authentication, String code, String address) {
        if (!(authentication.getPrincipal() instanceof OidcAccountPrincipal principal)
                || !principal.codeOwed()
                || !(authentication
                        instanceof
                        org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken token)) {
            throw new Conflict("no-code-owed", "this session owes no one-time code");
        }
        var username = principal.getUsername();
        var attempt = throttle.admit(username, address); // counted now, taken back if the code is right
        var factor = store.secondFactor(username);
        var step = factor.isEmpty()
                ? java.util.OptionalLong.empty()
                : Totp.verify(
                        factor.get().secret(),
                        code,
                        clock.instant(),
                        factor.get().lastStep());
        if (step.isEmpty() || !store.useSecondFactorStep(username, step.getAsLong())) {
            var imposed = throttle.failed(attempt);
            if (imposed.isPresent()) {
                throw new SignInThrottled(imposed.get());
            }
            throw InvalidInput.of("code", "one-time-code", "the 6-digit code your app shows now");
        }
        throttle.succeeded(attempt);
        var shown = new org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken(
                principal.codeShown(), token.getAuthorities(), token.getAuthorizedClientRegistrationId());
        shown.setDetails(token.getDetails());
        return shown;
    }

    /**
     * Links an identity at an OpenID provider to an account, so that it signs in as that account
     * ({@link OidcSignIn}). The issuer defaults to the configured {@code comity.accounts.oidc.issuer-uri};
     * with {@code identity-claim=email} the subject is an e-mail address, kept in lower case. An
     * identity links to one account only.
     */
    @Transactional
    public LinkedIdentity linkIdentity(
            String username, @org.jspecify.annotations.Nullable String issuer, String subject, String actor) {
        var identity = checkedIdentity(issuer, subject);
        if (store.find(username).isEmpty()) {
            throw new NotFound("account " + username);
        }
        var now = clock.instant();
        if (!store.linkIdentity(identity.issuer(), identity.subject(), username, now, actor)) {
            throw new Conflict("identity-linked", "this identity is already linked to an account");
        }
        store.audit(now, actor, username, "linked OIDC identity " + identity.subject() + " at " + identity.issuer());
        return new LinkedIdentity(identity.issuer(), identity.subject(), now, actor);
    }

    /** Removes a link; the account's open sessions end, so one the identity opened does not outlive it. */
    @Transactional
    public void unlinkIdentity(
            String username, @org.jspecify.annotations.Nullable String issuer, String subject, String actor) {
        var identity = checkedIdentity(issuer, subject);
        if (!store.unlinkIdentity(identity.issuer(), identity.subject(), username)) {
            throw new NotFound("identity linked to account " + username);
        }
        store.audit(
                clock.instant(),
                actor,
                username,
                "unlinked OIDC identity " + identity.subject() + " at " + identity.issuer() + "; sessions ended");
    }

    public List<LinkedIdentity> identitiesOf(String username) {
        return store.identitiesOf(username);
    }

    private record Identity(String issuer, String subject) {}

    private Identity checkedIdentity(
            @org.jspecify.annotations.Nullable String issuer, @org.jspecify.annotations.Nullable String subject) {
        var problems = new java.util.ArrayList<Violation>();
        var chosen = issuer == null || issuer.isBlank()
                ? (oidc.issuerUri() == null ? null : oidc.issuerUri().toString())
                : issuer.strip();
        if (chosen == null) {
            problems.add(new Violation("issuer", "required", "the provider's issuer URL (no issuer is configured)"));
        } else if (chosen.length() > 500 || !chosen.matches("https?://[^\\s]+")) {
            problems.add(new Violation("issuer", "issuer-format", "an http(s) URL of at most 500 characters"));
        }
        var cleaned = subject == null ? "" : subject.strip();
        if (cleaned.isEmpty() || cleaned.length() > 255 || cleaned.chars().anyMatch(Character::isISOControl)) {
            problems.add(new Violation("subject", "subject-format", "1 to 255 characters, no control characters"));
        } else if (oidc.identityClaim().equals("email")) {
            if (!cleaned.matches("[^@\\s]+@[^@\\s]+")) {
                problems.add(new Violation("subject", "email-format", "an e-mail address (identity-claim is email)"));
            }
            cleaned = OidcAccounts.normalisedEmail(cleaned);
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new Identity(chosen, cleaned);
    }

    /** A new TOTP secret for the user to put in an authenticator app; nothing is stored yet. */
    public SecondFactorOffer offerSecondFactor(String username) {
        var secret = Totp.newSecret(random);
        return new SecondFactorOffer(
                secret, Totp.base32(secret), Totp.keyUri(secondFactors.issuer(), username, secret));
    }

    /**
     * Enrols the offered secret once the user shows a current code from it: from then on, signing in
     * takes the password and a code. Throws {@link InvalidInput} naming {@code code} if the code is wrong.
     */
    @Transactional
    public void enrolSecondFactor(String username, SecondFactorOffer offer, String code) {
        var step = Totp.verify(offer.secret(), code, clock.instant(), 0);
        if (step.isEmpty()) {
            throw InvalidInput.of("code", "one-time-code", "the 6-digit code your app shows now");
        }
        if (!store.setSecondFactor(username, offer.secret().clone(), step.getAsLong())) {
            throw new NotFound("account " + username);
        }
        store.audit(clock.instant(), username, username, "second factor enrolled");
    }

    public boolean hasSecondFactor(String username) {
        return store.secondFactor(username).isPresent();
    }

    /** Until when sign-in to this account is throttled somewhere, if it is (see {@link SignInThrottle}). */
    public Optional<Instant> signInThrottledUntil(String username) {
        return throttle.throttledUntil(username);
    }

    /** Lets the account's owner try again at once: forgets the failed sign-ins counted against it. */
    @Transactional
    public void clearSignInThrottle(String username, String actor) {
        if (store.find(username).isEmpty()) {
            throw new NotFound("account " + username);
        }
        throttle.clear(username);
        store.audit(clock.instant(), actor, username, "sign-in throttle cleared");
    }

    @Transactional
    public IssuedToken issueToken(String username, String name, Duration validity) {
        var problems = new java.util.ArrayList<Violation>();
        if (name == null || name.isBlank() || name.length() > 100) {
            problems.add(new Violation("name", "token-name-length", "1 to 100 characters"));
        }
        if (validity == null
                || validity.isNegative()
                || validity.isZero()
                || validity.compareTo(MAX_TOKEN_VALIDITY) > 0) {
            problems.add(new Violation("validDays", "token-validity", "between 1 and 366 days"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        var account = store.find(username).orElseThrow(() -> new NotFound("account"));
        var bytes = new byte[32];
        random.nextBytes(bytes);
        var secret = TOKEN_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var id = UUID.randomUUID();
        var now = clock.instant();
        var expires = now.plus(validity);
        store.insertToken(id, account.username(), name.strip(), Sha256.of(secret), now, expires);
        store.audit(now, username, username, "issued API token " + id);
        return new IssuedToken(id, name.strip(), secret, expires);
    }

    public List<ApiToken> tokensOf(String username) {
        return store.tokensOf(username);
    }

    @Transactional
    public void revokeToken(String username, UUID id) {
        var now = clock.instant();
        if (!store.revokeToken(username, id, now)) {
            throw new NotFound("active API token " + id);
        }
        store.audit(now, username, username, "revoked API token " + id);
    }

    /** The account a bearer token stands for, if the token is known, unrevoked and unexpired. */
    public Optional<Account> authenticateToken(String secret) {
        if (secret == null || !secret.startsWith(TOKEN_PREFIX) || secret.length() > 100) {
            return Optional.empty();
        }
        return store.accountForToken(Sha256.of(secret), clock.instant());
    }
}
