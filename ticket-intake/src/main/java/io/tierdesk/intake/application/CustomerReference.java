package io.tierdesk.intake.application;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The reference a customer's answers about a ticket must carry: 128 random bits, given once to the channel that
 * opened the ticket, so that knowing a ticket's sequential number is not enough to confirm,
 * reject or rate it.
 */
public final class CustomerReference {
    private static final SecureRandom RANDOM = new SecureRandom();

    private CustomerReference() {
    }

    public static String next() {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
    }
}
