package io.auditgap.facts.pam;

import io.auditgap.facts.Observed;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Expands a service's stack of one type the way libpam loads it: {@code @include} inserts every
 * line of a file, {@code include} and {@code substack} insert the lines of the same type (relative
 * names resolved by {@link PamConfigSource}); then marks which lines may be jumped over.
 */
public final class PamStackResolver {
  /** libpam's PAM_SUBSTACK_MAX_LEVEL. */
  static final int MAX_DEPTH = 16;

  /**
   * Lines visited while expanding one stack. Real stacks have tens; files that include each other
   * several times would otherwise expand exponentially within {@link #MAX_DEPTH}.
   */
  static final int MAX_LINES = 10_000;

  private final PamConfigSource source;

  public PamStackResolver(PamConfigSource source) {
    this.source = source;
  }

  /**
   * The expanded stack, or unseen when a file on the way could not be read. A service without a
   * file falls back to {@code other}, as libpam does.
   */
  public Observed<PamStack> resolve(String service, String type) {
    Observed<Optional<PamFile>> top = source.lookup(service);
    if (!top.isSeen()) {
      return Observed.unseen(top.reason());
    }
    String name = service;
    if (top.value().isEmpty()) {
      name = "other";
      top = source.lookup(name);
      if (!top.isSeen()) {
        return Observed.unseen(top.reason());
      }
      if (top.value().isEmpty()) {
        return Observed.seen(
            new PamStack(
                service,
                type,
                "",
                List.of(),
                List.of("no PAM file for " + service + " and no 'other' file")));
      }
    }
    Expansion ex = new Expansion(type);
    String unseen = ex.expandFile(top.value().get(), List.of(), List.of(0), 0);
    if (unseen != null) {
      return Observed.unseen(unseen);
    }
    List<StackEntry> marked = Reachability.mark(ex.out, service);
    return Observed.seen(
        new PamStack(service, type, top.value().get().path(), marked, ex.problems));
  }

  private final class Expansion {
    final String type;
    final List<StackEntry> out = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    final java.util.Set<String> filesSeen = new java.util.HashSet<>();
    int nextFrame = 1;
    int visited;

    Expansion(String type) {
      this.type = type;
    }

    /** Returns the reason a file could not be read, or null. */
    String expandFile(PamFile file, List<PamRule> via, List<Integer> frames, int depth) {
      if (filesSeen.add(file.path())) {
        problems.addAll(file.problems());
      }
      for (PamRule r : file.rules()) {
        if (++visited > MAX_LINES) {
          return "the "
              + type
              + " stack expands to more than "
              + MAX_LINES
              + " lines (files that include each other repeatedly); not evaluated";
        }
        boolean atInclude = r.type().equals("@include");
        if (!atInclude && !r.type().equals(type)) {
          continue;
        }
        if (!r.isInclude()) {
          out.add(new StackEntry(r, via, frames, Reach.ALWAYS, ""));
          continue;
        }
        if (depth + 1 > MAX_DEPTH) {
          problems.add(
              r.at().location() + ": includes nested deeper than " + MAX_DEPTH + ", ignored");
          continue;
        }
        Observed<Optional<PamFile>> target = source.lookup(r.module());
        if (!target.isSeen()) {
          return target.reason();
        }
        if (target.value().isEmpty()) {
          problems.add(
              r.at().location()
                  + ": included file '"
                  + r.module()
                  + "' does not exist (libpam fails)");
          continue;
        }
        List<PamRule> nextVia = new ArrayList<>(via);
        nextVia.add(r);
        List<Integer> nextFrames = frames;
        if (!atInclude && r.control().equals("substack")) {
          nextFrames = new ArrayList<>(frames);
          nextFrames.add(nextFrame++);
        }
        String unseen = expandFile(target.value().get(), nextVia, nextFrames, depth + 1);
        if (unseen != null) {
          return unseen;
        }
      }
      return null;
    }
  }

  /** Marks lines that a jump ({@code [x=N]}) or an early {@code done}/sufficient may skip. */
  static final class Reachability {
    private Reachability() {}

    static List<StackEntry> mark(List<StackEntry> in, String service) {
      List<StackEntry> out = new ArrayList<>(in);
      for (int i = 0; i < out.size(); i++) {
        StackEntry e = out.get(i);
        if (e.reach() == Reach.SKIPPED) {
          continue;
        }
        Effect eff = effect(e.rule(), service);
        boolean certain = eff.certain && e.reach() == Reach.ALWAYS;
        Reach r = certain ? Reach.SKIPPED : Reach.MAYBE_SKIPPED;
        String note = e.rule().at().location() + " " + e.rule().at().text();
        int end = frameEnd(out, i);
        if (eff.jump > 0) {
          for (int j = i + 1; j <= Math.min(end, i + eff.jump); j++) {
            out.set(j, downgrade(out.get(j), r, note));
          }
        }
        if (eff.done) {
          for (int j = i + 1; j <= end; j++) {
            out.set(j, downgrade(out.get(j), r, note));
          }
        }
      }
      return out;
    }

    private static StackEntry downgrade(StackEntry e, Reach r, String note) {
      if (e.reach() == Reach.SKIPPED || (e.reach() == Reach.MAYBE_SKIPPED && r != Reach.SKIPPED)) {
        return e;
      }
      return e.withReach(r, note);
    }

    /** Last index still inside the substack of entry i (jumps and done do not leave it). */
    private static int frameEnd(List<StackEntry> list, int i) {
      List<Integer> frames = list.get(i).frames();
      int j = i;
      while (j + 1 < list.size() && startsWith(list.get(j + 1).frames(), frames)) {
        j++;
      }
      return j;
    }

    private static boolean startsWith(List<Integer> a, List<Integer> prefix) {
      return a.size() >= prefix.size() && a.subList(0, prefix.size()).equals(prefix);
    }

    record Effect(int jump, boolean done, boolean certain) {}

    static Effect effect(PamRule r, String service) {
      Optional<String> outcome = knownOutcome(r, service);
      if (!r.bracket()) {
        if (r.control().equals("sufficient")) {
          return new Effect(
              0, outcome.map(o -> o.equals("success")).orElse(true), outcome.isPresent());
        }
        return new Effect(0, false, true);
      }
      Map<String, String> actions = actions(r.control());
      if (outcome.isPresent()) {
        String a = actions.getOrDefault(outcome.get(), actions.getOrDefault("default", "bad"));
        return new Effect(jumpOf(a), a.equals("done"), true);
      }
      int maxJump = 0;
      boolean done = false;
      for (String a : actions.values()) {
        maxJump = Math.max(maxJump, jumpOf(a));
        done |= a.equals("done");
      }
      return new Effect(maxJump, done, false);
    }

    static Map<String, String> actions(String control) {
      Map<String, String> m = new LinkedHashMap<>();
      for (String pair : control.split("\\s+")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          m.put(pair.substring(0, eq).toLowerCase(), pair.substring(eq + 1).toLowerCase());
        }
      }
      return m;
    }

    private static int jumpOf(String action) {
      try {
        int n = Integer.parseInt(action);
        return Math.max(n, 0);
      } catch (NumberFormatException e) {
        return 0;
      }
    }

    /**
     * The result a module certainly returns for this service: pam_permit always succeeds, pam_deny
     * always fails, and pam_succeed_if with only {@code service} conditions can be evaluated
     * (RHEL's {@code service in crond} line does not jump for sshd).
     */
    static Optional<String> knownOutcome(PamRule r, String service) {
      switch (r.moduleName()) {
        case "pam_permit.so":
          return Optional.of("success");
        case "pam_deny.so":
          return Optional.of(r.type().equals("session") ? "session_err" : "auth_err");
        case "pam_succeed_if.so":
          return SucceedIf.serviceOnly(r.args(), service).map(ok -> ok ? "success" : "auth_err");
        default:
          return Optional.empty();
      }
    }
  }
}
