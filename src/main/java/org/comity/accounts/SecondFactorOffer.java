package org.comity.accounts;

/**
 * A TOTP secret offered for enrolment: the bytes, the base 32 text a user types into an authenticator
 * app, and the {@code otpauth://} URI an app can read instead. Kept in the user's session until they
 * confirm it with a code; never logged.
 */
public record SecondFactorOffer(byte[] secret, String base32, String keyUri) implements java.io.Serializable {

    public SecondFactorOffer {
        secret = secret.clone();
    }

    @Override
    public byte[] secret() {
        return secret.clone();
    }

    @Override
    public String toString() {
        return "SecondFactorOffer[…]";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SecondFactorOffer o && java.util.Arrays.equals(secret, o.secret);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(secret);
    }
}
