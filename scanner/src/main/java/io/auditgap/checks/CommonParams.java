package io.auditgap.checks;

import java.util.ArrayList;
import java.util.List;

/**
 * Parameters several matchers read and a user may set for the whole scan ({@code --uid-min}, {@code
 * --retention-days}, {@code --tty-audit-users}, {@code --param}, inventory {@code params:}):
 * declared once so that every matcher reads them under the same name and type.
 */
public final class CommonParams {
  private CommonParams() {}

  /** First uid of interactive users; without it, the host's login.defs UID_MIN. */
  public static final ParamSpec UID_MIN = ParamSpec.of("uid_min", ParamType.INTEGER).settable();

  /** Users whose sessions must be recorded; without it, the host's interactive users. */
  public static final ParamSpec TTY_AUDIT_USERS =
      ParamSpec.of("tty_audit_users", ParamType.TEXT_LIST).settable();

  public static final List<ParamSpec> SESSION_USERS = List.of(UID_MIN, TTY_AUDIT_USERS);

  /** How long logs must be kept: in total, immediately available, and held by a SIEM. */
  public static final List<ParamSpec> RETENTION =
      List.of(
          ParamSpec.of("retention_days", ParamType.INTEGER).orElse("365").settable(),
          ParamSpec.of("retention_immediate_days", ParamType.INTEGER).orElse("90").settable(),
          ParamSpec.of("siem_retention_days", ParamType.INTEGER).orElse("0").settable());

  /** {@code common} followed by {@code more}. */
  public static List<ParamSpec> with(List<ParamSpec> common, ParamSpec... more) {
    List<ParamSpec> all = new ArrayList<>(common);
    all.addAll(List.of(more));
    return List.copyOf(all);
  }
}
