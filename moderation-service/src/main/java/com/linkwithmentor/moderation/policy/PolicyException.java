package com.linkwithmentor.moderation.policy;

/** A policy that cannot be loaded; the message names the file and the line or key at fault. */
public class PolicyException extends RuntimeException {

    public PolicyException(String message) {
        super(message);
    }

    public PolicyException(String message, Throwable cause) {
        super(message, cause);
    }
}
