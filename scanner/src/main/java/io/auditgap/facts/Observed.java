package io.auditgap.facts;

import java.util.function.Function;

/**
 * A fact as far as it could be established: either seen (with its value) or not seen (with the
 * reason). Checks must turn {@link Unseen} into an {@code unknown} verdict, never a pass.
 */
public sealed interface Observed<T> permits Observed.Seen, Observed.Unseen {

  static <T> Observed<T> seen(T value) {
    return new Seen<>(value);
  }

  static <T> Observed<T> unseen(String reason) {
    return new Unseen<>(reason);
  }

  default <R> Observed<R> map(Function<? super T, ? extends R> f) {
    if (this instanceof Seen<T> s) {
      return new Seen<>(f.apply(s.value()));
    }
    return new Unseen<>(((Unseen<T>) this).reason());
  }

  /** Why the fact could not be established; empty when it was seen. */
  default String reason() {
    return "";
  }

  default boolean isSeen() {
    return this instanceof Seen;
  }

  /** The value; only call after {@link #isSeen()}. */
  default T value() {
    if (this instanceof Seen<T> s) {
      return s.value;
    }
    throw new IllegalStateException("fact not seen: " + ((Unseen<T>) this).reason());
  }

  record Seen<T>(T value) implements Observed<T> {}

  record Unseen<T>(String reason) implements Observed<T> {}
}
