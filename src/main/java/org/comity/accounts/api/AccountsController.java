package org.comity.accounts.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.comity.accounts.Account;
import org.comity.accounts.Accounts;
import org.comity.accounts.ApiToken;
import org.comity.accounts.IssuedToken;
import org.comity.accounts.LinkedIdentity;
import org.comity.accounts.NewAccount;
import org.comity.accounts.Role;
import org.comity.shared.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api")
@Tag(name = "Accounts", description = "Users, roles and API tokens")
class AccountsController {

    private final Accounts accounts;

    AccountsController(Accounts accounts) {
        this.accounts = accounts;
    }

    /** {@code signInThrottledUntil}: present while failed sign-ins make the account's owner wait somewhere. */
    record AccountView(
            String username,
            String displayName,
            Set<Role> roles,
            boolean enabled,
            Instant createdAt,
            String unit,
            Instant signInThrottledUntil) {}

    private AccountView view(Account account) {
        return new AccountView(
                account.username(),
                account.displayName(),
                account.roles(),
                account.enabled(),
                account.createdAt(),
                account.unit().orElse(null),
                accounts.signInThrottledUntil(account.username()).orElse(null));
    }

    record UnitChange(String unit) {}

    record CreateAccount(String username, String displayName, Set<Role> roles, String password, String unit) {
        @Override
        public String toString() {
            return "CreateAccount[username=" + username + "]";
        }
    }

    record CreateToken(String name, Integer validDays) {}

    record TokenView(UUID id, String name, Instant createdAt, Instant expiresAt, Optional<Instant> revokedAt) {
        static TokenView of(ApiToken token) {
            return new TokenView(token.id(), token.name(), token.createdAt(), token.expiresAt(), token.revokedAt());
        }
    }

    @GetMapping("/accounts")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @Operation(summary = "List all accounts with their roles (administrators and auditors)")
    List<AccountView> list() {
        return accounts.list().stream().map(this::view).toList();
    }

    @PostMapping("/accounts")
    @org.springframework.web.bind.annotation.ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Create an account (administrators)")
    ResponseEntity<AccountView> create(@RequestBody CreateAccount body, Principal principal) {
        var account = accounts.registerWithTemporaryPassword(
                new NewAccount(
                        body.username(),
                        body.displayName(),
                        body.roles(),
                        body.password(),
                        Optional.ofNullable(body.unit())),
                principal.getName());
        return ResponseEntity.created(URI.create("/api/accounts/" + account.username()))
                .body(view(account));
    }

    @GetMapping("/accounts/{username}")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @Operation(summary = "One account (administrators and auditors)")
    AccountView get(@PathVariable String username) {
        return accounts.find(username).map(this::view).orElseThrow(() -> new NotFound("account"));
    }

    record NewPassword(String username, String password) {
        @Override
        public String toString() {
            return "NewPassword[username=" + username + "]";
        }
    }

    @PostMapping("/accounts/{username}/password-reset")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Set a new random password; it is returned this once (administrators)")
    NewPassword resetPassword(@PathVariable String username, Principal principal) {
        return new NewPassword(username, accounts.resetPassword(username, principal.getName()));
    }

    record PasswordChange(String currentPassword, String newPassword) {
        @Override
        public String toString() {
            return "PasswordChange[]";
        }
    }

    @org.springframework.web.bind.annotation.PutMapping("/account/password")
    @PreAuthorize("isAuthenticated()")
    @Operation(summary = "Change your own password (any signed-in user)")
    ResponseEntity<Void> changeOwnPassword(@RequestBody PasswordChange body, Principal principal) {
        accounts.changeOwnPassword(principal.getName(), body.currentPassword(), body.newPassword());
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/accounts/{username}/audit")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @Operation(summary = "What was done to an account, by whom and when, newest first (administrators and auditors)")
    List<org.comity.accounts.AccountEvent> audit(@PathVariable String username) {
        accounts.find(username).orElseThrow(() -> new NotFound("account"));
        return accounts.auditTrail(username);
    }

    @org.springframework.web.bind.annotation.PutMapping("/accounts/{username}/unit")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Move an account to a unit, or to none with an empty unit (administrators)")
    AccountView setUnit(@PathVariable String username, @RequestBody UnitChange body, Principal principal) {
        return view(accounts.setUnit(username, Optional.ofNullable(body.unit()), principal.getName()));
    }

    @PostMapping("/accounts/{username}/disable")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Disable an account: no sign-in, no API tokens (administrators; not your own)")
    AccountView disable(@PathVariable String username, Principal principal) {
        return view(accounts.setEnabled(username, false, principal.getName()));
    }

    @PostMapping("/accounts/{username}/enable")
    @PreAuthorize("hasRole('ADMIN')")
    @Operation(summary = "Enable an account again (administrators)")
    AccountView enable(@PathVariable String username, Principal principal) {
        return view(accounts.setEnabled(username, true, principal.getName()));
    }

    @DeleteMapping("/accounts/{username}/sign-in-throttle")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Forget the failed sign-ins counted against an account, so its owner can try again now"
                    + " (administrators)")
    void clearSignInThrottle(@PathVariable String username, Principal principal) {
        accounts.clearSignInThrottle(username, principal.getName());
    }

    /** {@code issuer} may be omitted: it is then the configured {@code comity.accounts.oidc.issuer-uri}. */
    record IdentityLink(String issuer, String subject) {}

    @GetMapping("/accounts/{username}/identities")
    @PreAuthorize("hasAnyRole('ADMIN', 'AUDITOR')")
    @Operation(summary = "The OpenID provider identities that sign in as this account (administrators and auditors)")
    List<LinkedIdentity> identities(@PathVariable String username) {
        if (accounts.find(username).isEmpty()) {
            throw new NotFound("account");
        }
        return accounts.identitiesOf(username);
    }

    @PostMapping("/accounts/{username}/identities")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(
            summary = "Link an identity at the OpenID provider (issuer and subject: the sub or e-mail claim) to"
                    + " this account, so that it signs in as the account (administrators)")
    LinkedIdentity link(@PathVariable String username, @RequestBody IdentityLink body, Principal principal) {
        return accounts.linkIdentity(username, body.issuer(), body.subject(), principal.getName());
    }

    @PostMapping("/accounts/{username}/identities/unlink")
    @PreAuthorize("hasRole('ADMIN')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove a linked identity; the account's open sessions end (administrators)")
    void unlink(@PathVariable String username, @RequestBody IdentityLink body, Principal principal) {
        accounts.unlinkIdentity(username, body.issuer(), body.subject(), principal.getName());
    }

    @GetMapping("/me")
    @Operation(summary = "The signed-in account")
    AccountView me(Principal principal) {
        return accounts.find(principal.getName()).map(this::view).orElseThrow(() -> new NotFound("account"));
    }

    @GetMapping("/me/tokens")
    @Operation(summary = "My API tokens (never their secrets)")
    List<TokenView> tokens(Principal principal) {
        return accounts.tokensOf(principal.getName()).stream()
                .map(TokenView::of)
                .toList();
    }

    @PostMapping("/me/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Issue an API token; its secret is returned this once")
    IssuedToken issue(@RequestBody CreateToken body, Principal principal) {
        // A token must not mint tokens, or a stolen one could keep itself alive for ever.
        if (principal
                instanceof
                org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthentication) {
            throw new org.springframework.security.access.AccessDeniedException("issue tokens with your password");
        }
        var days = body.validDays() == null ? 90 : body.validDays();
        return accounts.issueToken(principal.getName(), body.name(), Duration.ofDays(days));
    }

    @DeleteMapping("/me/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of my API tokens")
    void revoke(@PathVariable UUID id, Principal principal) {
        accounts.revokeToken(principal.getName(), id);
    }
}
