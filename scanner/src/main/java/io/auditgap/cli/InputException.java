package io.auditgap.cli;

/** Bad user input; the message is the whole one-line error shown to the user. */
final class InputException extends RuntimeException {
  InputException(String message) {
    super(message);
  }
}
