package com.linkwithmentor.launcher;

/** A problem the user can act on; the launcher prints its message instead of a stack trace. */
final class FleetException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  FleetException(String message) {
    super(message);
  }

  FleetException(String message, Throwable cause) {
    super(message, cause);
  }
}
