package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One rsyslog action in configuration order, with the filters it sits under and its parameters
 * under their RainerScript names (legacy {@code $Action...} settings are translated, e.g. {@code
 * $ActionQueueType} becomes {@code queue.type}).
 *
 * @param order position among all actions, discards and calls, to decide what a stop precedes
 * @param type {@code omfwd}, {@code omrelp}, {@code omfile}, {@code discard} or the module name
 * @param protocol for forwarding actions {@code udp}, {@code tcp} or {@code relp}
 * @param params lower-case parameter name to value
 */
public record RsyslogAction(
    int order,
    SourceLine where,
    String type,
    String target,
    String port,
    String protocol,
    Map<String, String> params,
    String ruleset,
    List<RsyslogCondition> filter,
    boolean legacy) {
  public RsyslogAction {
    params = Map.copyOf(params);
    filter = List.copyOf(filter);
    target = target == null ? "" : target;
    port = port == null ? "" : port;
    protocol = protocol == null ? "" : protocol;
  }

  public boolean forwards() {
    return type.equals("omfwd") || type.equals("omrelp");
  }

  /**
   * The file an {@code omfile} action writes, when it is a fixed path: legacy {@code /path} or
   * {@code -/path} (a {@code ;Template} suffix removed), RainerScript {@code file="/path"}. Empty
   * for other actions and for dynamic files ({@code ?Template}, {@code dynaFile=}).
   */
  public Optional<String> filePath() {
    if (!type.equals("omfile") || !dynamicFile().isEmpty()) {
      return Optional.empty();
    }
    String f = legacy ? target : param("file");
    if (legacy) {
      f = f.startsWith("-") ? f.substring(1) : f;
      int semi = f.indexOf(';');
      f = semi < 0 ? f : f.substring(0, semi);
    }
    f = f.strip();
    return f.startsWith("/") ? Optional.of(f) : Optional.empty();
  }

  /** The template naming an {@code omfile} action's dynamic file, or "" for a fixed file. */
  public String dynamicFile() {
    if (!type.equals("omfile")) {
      return "";
    }
    if (legacy) {
      String f = target.startsWith("-") ? target.substring(1) : target;
      if (!f.startsWith("?")) {
        return "";
      }
      int semi = f.indexOf(';');
      return (semi < 0 ? f.substring(1) : f.substring(1, semi)).strip();
    }
    return param("dynafile").strip();
  }

  public String param(String name) {
    return params.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  public Tri filterPasses(SyslogPriority.Priority p) {
    Tri t = Tri.TRUE;
    for (RsyslogCondition c : filter) {
      t = t.and(c.eval(p));
    }
    return t;
  }

  /** The filter as one readable string, {@code *.*} when the action takes everything. */
  public String filterText() {
    if (filter.isEmpty()) {
      return "(all messages)";
    }
    StringBuilder sb = new StringBuilder();
    for (RsyslogCondition c : filter) {
      if (sb.length() > 0) {
        sb.append(" and ");
      }
      sb.append(c);
    }
    return sb.toString();
  }
}
