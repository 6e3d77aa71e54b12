package com.linkwithmentor.user.account;

import java.util.Locale;
import java.util.Set;

import com.linkwithmentor.common.error.ApiException;

/**
 * What a password must be: 10 to 128 characters, letters plus a digit or symbol, not a well-known
 * password, and not the username or email. Failing it is a 400 that names the password field.
 */
public final class PasswordPolicy {

    private static final Set<String> COMMON = Set.of("password", "password1", "password123", "1234567890",
            "qwertyuiop", "iloveyou12", "letmein123", "welcome123", "admin12345", "passw0rd12", "abcdefghij",
            "linkwithmentor", "mentorship1", "qwerty12345");

    private PasswordPolicy() {
    }

    public static void check(String field, String password, String username, String email) {
        if (password.length() < 10 || password.length() > 128) {
            throw ApiException.badRequest(field, "Password must be 10 to 128 characters long");
        }
        boolean letter = password.chars().anyMatch(Character::isLetter);
        boolean other = password.chars().anyMatch(c -> !Character.isLetter(c));
        if (!letter || !other) {
            throw ApiException.badRequest(field, "Password must mix letters with digits or symbols");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        String emailName = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        if (COMMON.contains(lower) || lower.contains(username.toLowerCase(Locale.ROOT))
                || (emailName.length() >= 4 && lower.contains(emailName.toLowerCase(Locale.ROOT)))) {
            throw ApiException.badRequest(field, "Password is too easy to guess");
        }
    }
}
