package com.linkwithmentor.payment.provider;

/** The provider refused the request itself (4xx): sending it again changes nothing. */
public class ProviderRejectedException extends RuntimeException {

    public ProviderRejectedException(String message) {
        super(message);
    }
}
