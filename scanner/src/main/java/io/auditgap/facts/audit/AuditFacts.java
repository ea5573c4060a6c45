package io.auditgap.facts.audit;

import io.auditgap.collect.CollectionItem;
import io.auditgap.collect.HostSnapshot;
import io.auditgap.collect.SnapshotItem;
import io.auditgap.facts.FactKey;
import io.auditgap.facts.Observed;
import io.auditgap.facts.OsFacts;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Facts about the audit rules in the kernel and on disk, and the kernel's audit status. */
public final class AuditFacts {
  public static final CollectionItem AUDITCTL_LIST =
      CollectionItem.Command.quick("auditctl -l", "auditctl -l");
  public static final CollectionItem AUDITCTL_STATUS =
      CollectionItem.Command.quick("auditctl -s", "auditctl -s");
  public static final CollectionItem RULES_D = new CollectionItem.Directory(Augenrules.RULES_DIR);
  public static final String AUDIT_RULES_PATH = "/etc/audit/audit.rules";
  public static final CollectionItem AUDIT_RULES = new CollectionItem.File(AUDIT_RULES_PATH);

  /** auditctl exits 4 with this message when not run as root. */
  static final String NOT_ROOT_MESSAGE = "You must be root";

  /**
   * Whether {@code auditctl} exists on the host: seen false when the shell could not find it (exit
   * 127), which means the audit userspace is not installed.
   */
  public static final FactKey<Observed<Boolean>> AUDITCTL_INSTALLED =
      new FactKey<>("auditctl-installed", Set.of(AUDITCTL_LIST), AuditFacts::auditctlInstalled);

  /** The machine for syscall resolution, from {@code uname -m}. */
  public static final FactKey<Observed<Machine>> MACHINE =
      new FactKey<>("audit-machine", Set.of(OsFacts.UNAME_M), AuditFacts::machine);

  /** The rules in the kernel, from {@code auditctl -l} (root only). */
  public static final FactKey<Observed<RuleSet>> LOADED_RULES =
      new FactKey<>(
          "audit-loaded-rules", Set.of(AUDITCTL_LIST, OsFacts.UNAME_M), AuditFacts::loadedRules);

  /** The kernel audit status, from {@code auditctl -s} (root only). */
  public static final FactKey<Observed<AuditStatus>> STATUS =
      new FactKey<>(
          "audit-status",
          Set.of(AUDITCTL_STATUS),
          s -> auditctl(s, "auditctl -s").map(i -> AuditStatus.parse(i.text())));

  /**
   * The rules loaded at boot: augenrules over {@code /etc/audit/rules.d} when that directory exists
   * (the audit 3.x default on Debian, Ubuntu and RHEL), else {@code /etc/audit/audit.rules} loaded
   * directly.
   */
  public static final FactKey<Observed<PersistentRules>> PERSISTENT_RULES =
      new FactKey<>(
          "audit-persistent-rules",
          Set.of(RULES_D, AUDIT_RULES, OsFacts.UNAME_M),
          AuditFacts::persistentRules);

  private AuditFacts() {}

  static Observed<Boolean> auditctlInstalled(HostSnapshot s) {
    Optional<SnapshotItem> item = s.command("auditctl -l");
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason("command 'auditctl -l'"));
    }
    int st = item.get().exitStatus();
    if (st == SnapshotItem.TIMED_OUT || st == SnapshotItem.SKIPPED) {
      return Observed.unseen(item.get().problem());
    }
    return Observed.seen(st != SnapshotItem.NOT_FOUND);
  }

  static Observed<Machine> machine(HostSnapshot s) {
    Observed<String> arch = OsFacts.ARCH.derive().apply(s);
    if (!arch.isSeen()) {
      return Observed.unseen(
          "the architecture is needed to resolve syscall names: " + arch.reason());
    }
    Optional<Machine> m = Machine.of(arch.value());
    return m.isPresent()
        ? Observed.seen(m.get())
        : Observed.unseen("no bundled syscall table for architecture " + arch.value());
  }

  /**
   * A completed auditctl run, honest about why it is not: not installed (127), not root (exit 4
   * with "You must be root"), other failures with their first output line.
   */
  static Observed<SnapshotItem> auditctl(HostSnapshot s, String name) {
    Optional<SnapshotItem> item = s.command(name);
    if (item.isEmpty()) {
      return Observed.unseen(s.missingReason("command '" + name + "'"));
    }
    SnapshotItem it = item.get();
    if (it.exitStatus() == SnapshotItem.NOT_FOUND) {
      return Observed.unseen("auditctl not installed");
    }
    if (it.problem() != null) {
      return Observed.unseen(it.problem());
    }
    if (it.text().contains(NOT_ROOT_MESSAGE)) {
      return Observed.unseen(name + " needs root (the collector ran as a non-root user)");
    }
    if (it.exitStatus() != 0) {
      String first = it.text().strip().lines().findFirst().orElse("");
      return Observed.unseen(
          name + " failed (exit " + it.exitStatus() + (first.isEmpty() ? ")" : "): " + first));
    }
    return Observed.seen(it);
  }

  static Observed<RuleSet> loadedRules(HostSnapshot s) {
    Observed<SnapshotItem> out = auditctl(s, "auditctl -l");
    if (!out.isSeen()) {
      return out.map(i -> null);
    }
    Observed<Machine> m = machine(s);
    if (!m.isSeen()) {
      return m.map(i -> null);
    }
    AuditRuleParser parser = new AuditRuleParser(m.value());
    List<AuditStatement> statements = parser.parse("auditctl -l", out.value().text());
    // the listing is the kernel's state: no load semantics, but errors (unparsed lines) are kept
    List<AuditRule> rules = new ArrayList<>();
    List<ControlDirective> controls = new ArrayList<>();
    List<RuleError> errors = new ArrayList<>();
    for (AuditStatement st : statements) {
      if (st instanceof AuditRule r) {
        rules.add(r);
      } else if (st instanceof RuleError e) {
        errors.add(e);
      } else if (st instanceof ControlDirective c) {
        controls.add(c);
      }
    }
    return Observed.seen(new RuleSet(rules, controls, errors, Optional.empty(), List.of()));
  }

  static Observed<PersistentRules> persistentRules(HostSnapshot s) {
    Observed<Machine> m = machine(s);
    if (!m.isSeen()) {
      return m.map(i -> null);
    }
    AuditRuleParser parser = new AuditRuleParser(m.value());
    Optional<SnapshotItem> dir = s.directory(Augenrules.RULES_DIR);
    if (dir.isEmpty()) {
      return Observed.unseen(s.missingReason(Augenrules.RULES_DIR));
    }
    if (dir.get().exitStatus() == SnapshotItem.ABSENT) {
      return auditRulesFile(s, parser);
    }
    if (dir.get().problem() != null) {
      return Observed.unseen(dir.get().problem());
    }
    List<Augenrules.Entry> entries = new ArrayList<>();
    for (String line : dir.get().text().split("\n")) {
      int tab = line.indexOf('\t');
      if (tab > 0) {
        entries.add(new Augenrules.Entry(line.substring(0, tab), line.substring(tab + 1)));
      }
    }
    Map<String, String> contents = new LinkedHashMap<>();
    List<AuditRule> ignoredRules = new ArrayList<>();
    for (SnapshotItem f : s.filesIn(Augenrules.RULES_DIR)) {
      String name = f.name().substring(Augenrules.RULES_DIR.length() + 1);
      if (!Augenrules.isMerged(name)) {
        if (f.isComplete()) {
          for (AuditStatement st : parser.parse(f.name(), f.text())) {
            if (st instanceof AuditRule r) {
              ignoredRules.add(r);
            }
          }
        }
        continue;
      }
      if (f.problem() != null) {
        return Observed.unseen(f.problem());
      }
      contents.put(name, f.text());
    }
    for (Augenrules.Entry e : entries) {
      boolean regular = e.type().equals("f") || e.type().equals("l");
      if (Augenrules.isMerged(e.name()) && regular && !contents.containsKey(e.name())) {
        return Observed.unseen(s.missingReason(Augenrules.RULES_DIR + "/" + e.name()));
      }
    }
    Augenrules.Merge merge = Augenrules.merge(Augenrules.RULES_DIR, entries, contents);
    RuleSet rules = RuleSet.load(Augenrules.statements(merge, parser));
    List<String> files = merge.files().stream().map(n -> Augenrules.RULES_DIR + "/" + n).toList();
    return Observed.seen(
        new PersistentRules(
            PersistentRules.AUGENRULES, rules, files, merge.ignored(), ignoredRules));
  }

  private static Observed<PersistentRules> auditRulesFile(HostSnapshot s, AuditRuleParser parser) {
    Optional<SnapshotItem> f = s.file(AUDIT_RULES_PATH);
    if (f.isEmpty()) {
      return Observed.unseen(s.missingReason(AUDIT_RULES_PATH));
    }
    if (f.get().exitStatus() == SnapshotItem.ABSENT) {
      RuleSet empty = RuleSet.load(List.of());
      return Observed.seen(
          new PersistentRules(PersistentRules.AUDIT_RULES, empty, List.of(), List.of(), List.of()));
    }
    if (f.get().problem() != null) {
      return Observed.unseen(f.get().problem());
    }
    RuleSet rules = RuleSet.load(parser.parse(AUDIT_RULES_PATH, f.get().text()));
    return Observed.seen(
        new PersistentRules(
            PersistentRules.AUDIT_RULES, rules, List.of(AUDIT_RULES_PATH), List.of(), List.of()));
  }
}
