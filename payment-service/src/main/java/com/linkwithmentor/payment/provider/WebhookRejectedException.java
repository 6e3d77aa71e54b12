package com.linkwithmentor.payment.provider;

/** A webhook whose signature does not verify (missing, forged, stale) or that cannot be read. */
public class WebhookRejectedException extends Exception {

    public WebhookRejectedException(String message) {
        super(message);
    }
}
