package io.auditgap.checks.matchers.sshd;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A check of one global sshd setting, judged on its effective value ({@link EffectiveSshd}): not
 * applicable without an OpenSSH server, unknown when the value cannot be established.
 */
abstract class SshdSettingMatcher extends DeclaredMatcher {
  private final String keyword;

  /**
   * @param keyword the sshd_config keyword as sshd_config(5) spells it, e.g. {@code UsePAM}
   * @param needs what the matcher reads besides the setting
   */
  SshdSettingMatcher(
      String name, List<ParamSpec> parameters, Set<CollectionItem> needs, String keyword) {
    super(name, parameters, withSetting(needs));
    this.keyword = keyword;
  }

  @Override
  public final Verdict evaluate(CheckParams params, Facts facts) {
    Optional<Observed<EffectiveSshd>> g =
        EffectiveSshd.global(facts, keyword.toLowerCase(Locale.ROOT));
    if (g.isEmpty()) {
      return Verdict.notApplicable(
          "no OpenSSH server on the host (no sshd, no sshd_config)", List.of());
    }
    if (!g.get().isSeen()) {
      return Verdict.unknown("sshd " + keyword + " could not be established: " + g.get().reason());
    }
    return judge(g.get().value(), params, facts);
  }

  /** The verdict on the setting's effective value. */
  abstract Verdict judge(EffectiveSshd setting, CheckParams params, Facts facts);

  private static Set<CollectionItem> withSetting(Set<CollectionItem> needs) {
    Set<CollectionItem> all = new HashSet<>(needs);
    all.addAll(EffectiveSshd.needs());
    return all;
  }
}
