package io.auditgap.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverMark;
import java.time.LocalDate;
import java.util.List;

/**
 * A waiver as written: on a finding it matched (with its {@code state}), or in the top-level list
 * of stale waivers (without).
 */
record WaiverJson(
    @JsonProperty(required = true) String check,
    List<String> hosts,
    @JsonProperty(required = true) String justification,
    String owner,
    String ticket,
    @JsonProperty(required = true) LocalDate expires,
    String source,
    @JsonInclude(JsonInclude.Include.NON_NULL) State state) {

  WaiverJson {
    ReportJson.present(check, "check");
    ReportJson.present(justification, "justification");
    ReportJson.present(expires, "expires");
  }

  /** Accepted: the finding does not count toward {@code --fail-on}; expired: it counts again. */
  enum State {
    ACCEPTED,
    EXPIRED
  }

  static WaiverJson of(WaiverMark m) {
    return of(m.waiver(), m.expired() ? State.EXPIRED : State.ACCEPTED);
  }

  static WaiverJson of(Waiver w, State state) {
    return new WaiverJson(
        w.check(),
        w.hosts(),
        w.justification(),
        w.owner(),
        w.ticket(),
        w.expires(),
        w.origin(),
        state);
  }

  Waiver toWaiver() {
    return new Waiver(
        check, hosts == null ? List.of() : hosts, justification, owner, ticket, expires, source);
  }
}
