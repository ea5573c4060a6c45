package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * rsyslog's configuration as read from {@code /etc/rsyslog.conf} and everything it includes, in the
 * order rsyslog processes it.
 *
 * @param present false when the main file does not exist
 * @param files every file read, in processing order
 * @param globals lower-case global setting name ({@code defaultnetstreamdriver}, ...) to value and
 *     place
 * @param problems what could not be read or parsed (file:line: ...), each a reason a missing
 *     forwarding rule might be hidden
 * @param notes observations that explain a verdict (files an include glob did not match)
 */
public record RsyslogConfig(
    String mainFile,
    boolean present,
    List<String> files,
    List<RsyslogAction> actions,
    List<Discard> discards,
    List<Call> calls,
    List<Input> inputs,
    Map<String, Setting> globals,
    List<String> problems,
    List<String> notes) {

  public static final String DEFAULT_RULESET = "RSYSLOG_DefaultRuleset";

  public RsyslogConfig {
    files = List.copyOf(files);
    actions = List.copyOf(actions);
    discards = List.copyOf(discards);
    calls = List.copyOf(calls);
    inputs = List.copyOf(inputs);
    globals = Map.copyOf(globals);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  /** A {@code stop}, {@code ~} or {@code action(type="omdiscard")}. */
  public record Discard(
      int order, SourceLine where, String ruleset, List<RsyslogCondition> filter) {
    public Discard {
      filter = List.copyOf(filter);
    }
  }

  /** {@code call NAME}: messages passing the filter also run through ruleset NAME. */
  public record Call(
      int order, SourceLine where, String ruleset, String target, List<RsyslogCondition> filter) {
    public Call {
      filter = List.copyOf(filter);
    }
  }

  /**
   * An input: a network listener ({@code imudp}, {@code imtcp}, {@code imrelp}, legacy {@code
   * $UDPServerRun}) or a local one bound to a ruleset.
   */
  public record Input(
      SourceLine where, String type, String port, String ruleset, boolean network) {}

  /** A global value and where it was set. */
  public record Setting(String value, SourceLine where) {}

  public List<RsyslogAction> forwardingActions() {
    return actions.stream().filter(RsyslogAction::forwards).toList();
  }

  public List<Input> listeners() {
    return inputs.stream().filter(Input::network).toList();
  }

  /** Rulesets local messages run through: the default, those local inputs are bound to. */
  public Set<String> localRulesets() {
    Set<String> out = new LinkedHashSet<>();
    out.add(DEFAULT_RULESET);
    for (Input i : inputs) {
      if (!i.network() && i.ruleset() != null && !i.ruleset().isEmpty()) {
        out.add(i.ruleset());
      }
    }
    return out;
  }

  /**
   * Whether a message of priority {@code p} from a local input reaches the action: its ruleset is
   * fed by local inputs (directly or through {@code call}), its filter passes, and no earlier
   * discard in the same ruleset swallowed it.
   */
  public Tri delivers(RsyslogAction a, SyslogPriority.Priority p) {
    return reaches(a.ruleset(), a.order(), p, 0).and(a.filterPasses(p));
  }

  /** The discard that certainly swallows {@code p} before the action, or null. */
  public Discard swallowedBy(RsyslogAction a, SyslogPriority.Priority p) {
    for (Discard d : discards) {
      if (d.ruleset().equals(a.ruleset())
          && d.order() < a.order()
          && filterOf(d.filter(), p) == Tri.TRUE) {
        return d;
      }
    }
    return null;
  }

  private Tri reaches(String ruleset, int order, SyslogPriority.Priority p, int depth) {
    Tri entry;
    if (localRulesets().contains(ruleset)) {
      entry = Tri.TRUE;
    } else if (depth > 8) {
      entry = Tri.MAYBE;
    } else {
      entry = Tri.FALSE;
      for (Call c : calls) {
        if (c.target().equals(ruleset) && !c.ruleset().equals(ruleset)) {
          entry =
              entry.or(reaches(c.ruleset(), c.order(), p, depth + 1).and(filterOf(c.filter(), p)));
        }
      }
    }
    for (Discard d : discards) {
      if (d.ruleset().equals(ruleset) && d.order() < order) {
        entry = entry.and(filterOf(d.filter(), p).not());
      }
    }
    return entry;
  }

  private static Tri filterOf(List<RsyslogCondition> filter, SyslogPriority.Priority p) {
    Tri t = Tri.TRUE;
    for (RsyslogCondition c : filter) {
      t = t.and(c.eval(p));
    }
    return t;
  }

  static RsyslogConfig absent(String main) {
    return new RsyslogConfig(
        main,
        false,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        Map.of(),
        List.of(),
        new ArrayList<>());
  }
}
