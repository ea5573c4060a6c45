package io.auditgap.facts.pam;

import io.auditgap.text.Glob;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Evaluates pam_succeed_if conditions that test only the service name. */
final class SucceedIf {
  private static final Set<String> FLAGS =
      Set.of("debug", "use_uid", "quiet", "quiet_fail", "quiet_success", "audit");

  private SucceedIf() {}

  /**
   * The result of the conditions (all must hold) when every condition is about {@code service};
   * empty when any condition depends on the user or is malformed.
   */
  static Optional<Boolean> serviceOnly(List<String> args, String service) {
    boolean any = false;
    boolean all = true;
    int i = 0;
    while (i < args.size()) {
      String a = args.get(i);
      if (FLAGS.contains(a)) {
        i++;
        continue;
      }
      if (!a.equals("service") || i + 2 >= args.size()) {
        return Optional.empty();
      }
      String op = args.get(i + 1);
      String value = args.get(i + 2);
      Optional<Boolean> r = test(op, value, service);
      if (r.isEmpty()) {
        return Optional.empty();
      }
      any = true;
      all &= r.get();
      i += 3;
    }
    return any ? Optional.of(all) : Optional.empty();
  }

  private static Optional<Boolean> test(String op, String value, String service) {
    switch (op) {
      case "in":
        return Optional.of(List.of(value.split(":")).contains(service));
      case "notin":
        return Optional.of(!List.of(value.split(":")).contains(service));
      case "=":
      case "eq":
        return Optional.of(value.equals(service));
      case "!=":
      case "ne":
        return Optional.of(!value.equals(service));
      case "=~":
        return Optional.of(Glob.matches(value, service, Glob.FNMATCH));
      case "!~":
        return Optional.of(!Glob.matches(value, service, Glob.FNMATCH));
      default:
        return Optional.empty();
    }
  }
}
