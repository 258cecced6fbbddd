package org.comity.accounts;

import java.time.Instant;

/** An identity at an OpenID provider that signs in as an account ({@link OidcSignIn}). */
public record LinkedIdentity(String issuer, String subject, Instant linkedAt, String linkedBy) {}
