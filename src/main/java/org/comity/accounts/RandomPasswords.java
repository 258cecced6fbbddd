package org.comity.accounts;

import java.security.SecureRandom;

/** Generated passwords: 20 characters from an alphabet without look-alikes (about 116 bits). */
final class RandomPasswords {

    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private static final int LENGTH = 20;

    private RandomPasswords() {}

    static String next(SecureRandom random) {
        var chars = new char[LENGTH];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        }
        return new String(chars);
    }
}
