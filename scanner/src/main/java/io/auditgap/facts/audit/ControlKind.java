package io.auditgap.facts.audit;

/** Rules-file lines that configure the audit system rather than add a rule. */
public enum ControlKind {
  DELETE_ALL("-D"),
  BACKLOG_LIMIT("-b"),
  FAILURE_MODE("-f"),
  ENABLED("-e"),
  RATE_LIMIT("-r"),
  BACKLOG_WAIT_TIME("--backlog_wait_time"),
  RESET_BACKLOG_WAIT_TIME_ACTUAL("--reset_backlog_wait_time_actual"),
  LOGINUID_IMMUTABLE("--loginuid-immutable"),
  RESET_LOST("--reset-lost"),
  IGNORE_ERRORS("-i"),
  CONTINUE_ON_ERROR("-c"),
  MAKE_EQUIVALENT("-q"),
  TRIM_SUBTREES("-t"),
  DELETE_RULE("-d"),
  REMOVE_WATCH("-W"),
  STATUS("-s"),
  LIST("-l");

  private final String option;

  ControlKind(String option) {
    this.option = option;
  }

  public String option() {
    return option;
  }
}
