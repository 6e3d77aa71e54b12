package com.linkwithmentor.common.input;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.exc.MismatchedInputException;

/** A JSON value that reads fine but breaks the platform's input rules; the error names the field and why. */
public class RejectedInputException extends MismatchedInputException {

    private final String reason;

    public RejectedInputException(JsonParser parser, String reason) {
        super(parser, reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
