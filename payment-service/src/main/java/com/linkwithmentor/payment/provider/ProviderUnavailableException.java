package com.linkwithmentor.payment.provider;

/** The provider could not be reached, timed out, or answered 5xx: try again later. */
public class ProviderUnavailableException extends RuntimeException {

    public ProviderUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public ProviderUnavailableException(String message) {
        super(message);
    }
}
