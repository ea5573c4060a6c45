package io.auditgap.checks.matchers.session;

import io.auditgap.checks.CheckParams;
import io.auditgap.checks.Evidence;
import io.auditgap.checks.ParamSpec;
import io.auditgap.checks.Verdict;
import io.auditgap.checks.matchers.DeclaredMatcher;
import io.auditgap.facts.Facts;
import java.util.ArrayList;
import java.util.List;

/**
 * A check of the sudoers policy in force. The start is shared: the verdict {@link SudoContext}
 * gives when sudo or its policy cannot be judged, else the policy with the evidence of where it was
 * read.
 */
abstract class SudoCheck extends DeclaredMatcher {
  SudoCheck(String name, List<ParamSpec> parameters) {
    super(name, parameters, SudoContext.needs());
  }

  @Override
  public final Verdict evaluate(CheckParams params, Facts facts) {
    SudoContext.Or or = SudoContext.of(facts);
    if (or.verdict() != null) {
      return or.verdict();
    }
    return judge(params, or.context(), new ArrayList<>(or.context().evidence()));
  }

  /**
   * @param ev the evidence so far (where the policy was read); the verdict adds its own
   */
  abstract Verdict judge(CheckParams params, SudoContext c, List<Evidence> ev);
}
