package com.linkwithmentor.sandbox;

/** A refusal the sandbox answers the way gateways do: a status and {@code {"error": {"code", "description"}}}. */
class SandboxException extends RuntimeException {

    final int status;

    final String code;

    SandboxException(int status, String code, String description) {
        super(description);
        this.status = status;
        this.code = code;
    }
}
