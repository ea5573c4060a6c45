package io.auditgap.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.auditgap.checks.Severity;
import io.auditgap.checks.Status;
import io.auditgap.review.Change;
import io.auditgap.review.Comparison;
import io.auditgap.review.FindingChange;
import io.auditgap.review.Review;
import io.auditgap.review.Waiver;
import io.auditgap.review.WaiverMark;
import io.auditgap.scan.HostResult;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The review stage in {@code report.json}: per finding an optional {@code waiver} object and {@code
 * change} id; at the top level an optional {@code waivers} object (counts and stale waivers) and
 * {@code baseline} object (the comparison). Absent keys mean no waivers were given or no baseline,
 * so reports of schema version 1 without them still read.
 */
final class ReviewJson {
  private ReviewJson() {}

  /** Adds {@code waiver} and {@code change} to one finding's object. */
  static void finding(ObjectNode o, Review review, String host, String check) {
    review
        .waiver(host, check)
        .ifPresent(
            m -> {
              ObjectNode w = waiver(o.putObject("waiver"), m.waiver());
              w.put("state", m.expired() ? "expired" : "accepted");
            });
    review.change(host, check).ifPresent(c -> o.put("change", c.id()));
  }

  /** Adds the top-level {@code waivers} and {@code baseline} objects. */
  static void root(ObjectNode root, Review review) {
    if (review.waiversGiven()) {
      ObjectNode w = root.putObject("waivers");
      int accepted = 0;
      for (WaiverMark m : review.marks()) {
        accepted += m.accepted() ? 1 : 0;
      }
      w.put("accepted", accepted);
      w.put("expired", review.marks().size() - accepted);
      ArrayNode stale = w.putArray("stale");
      for (Waiver s : review.stale()) {
        waiver(stale.addObject(), s);
      }
    }
    review.comparison().ifPresent(c -> comparison(root.putObject("baseline"), c));
  }

  /** The comparison object: baseline file and time, counts, hosts added and removed, changes. */
  static void comparison(ObjectNode b, Comparison c) {
    {
      {
        b.put("file", c.baseline());
        b.put(
            "started_at", c.baselineStartedAt() == null ? null : c.baselineStartedAt().toString());
        ObjectNode counts = b.putObject("counts");
        for (Map.Entry<Change, Integer> e : c.counts().entrySet()) {
          counts.put(e.getKey().id(), e.getValue());
        }
        ArrayNode added = b.putArray("hosts_added");
        c.hostsAdded().forEach(added::add);
        ArrayNode removed = b.putArray("hosts_removed");
        c.hostsRemoved().forEach(removed::add);
        ArrayNode changes = b.putArray("changes");
        for (FindingChange fc : c.changes()) {
          ObjectNode x = changes.addObject();
          x.put("host", fc.host());
          x.put("check", fc.check());
          x.put("title", fc.title());
          x.put("severity", fc.severity() == null ? null : fc.severity().id());
          x.put("change", fc.change().id());
          x.put("before", fc.before() == null ? null : fc.before().id());
          x.put("after", fc.after() == null ? null : fc.after().id());
          x.put("detail", fc.detail());
        }
      }
    }
  }

  private static ObjectNode waiver(ObjectNode o, Waiver w) {
    o.put("check", w.check());
    ArrayNode hosts = o.putArray("hosts");
    w.hosts().forEach(hosts::add);
    o.put("justification", w.justification());
    o.put("owner", w.owner());
    o.put("ticket", w.ticket());
    o.put("expires", w.expires().toString());
    o.put("source", w.origin());
    return o;
  }

  /** The review written by {@link #root} and {@link #finding}; {@link Review#NONE} if absent. */
  static Review read(JsonNode root, List<HostResult> hosts) throws ReportException {
    JsonNode ws = root.get("waivers");
    List<WaiverMark> marks = new ArrayList<>();
    List<Waiver> stale = new ArrayList<>();
    boolean given = ws != null && ws.isObject();
    if (given && ws.get("stale") != null && ws.get("stale").isArray()) {
      for (int i = 0; i < ws.get("stale").size(); i++) {
        stale.add(waiver(ws.get("stale").get(i), "$.waivers.stale[" + i + "]"));
      }
    }
    for (int h = 0; h < hosts.size(); h++) {
      JsonNode fs = root.path("hosts").path(h).path("findings");
      for (int i = 0; i < fs.size(); i++) {
        JsonNode w = fs.get(i).get("waiver");
        if (w != null && w.isObject()) {
          String path = "$.hosts[" + h + "].findings[" + i + "].waiver";
          marks.add(
              new WaiverMark(
                  hosts.get(h).name(),
                  text(fs.get(i), "check", path),
                  waiver(w, path),
                  "expired".equals(w.path("state").asText())));
          given = true;
        }
      }
    }
    Comparison comparison = null;
    JsonNode b = root.get("baseline");
    if (b != null && b.isObject()) {
      List<FindingChange> changes = new ArrayList<>();
      JsonNode cs = b.path("changes");
      for (int i = 0; i < cs.size(); i++) {
        String p = "$.baseline.changes[" + i + "]";
        JsonNode x = cs.get(i);
        Change change = Change.parse(text(x, "change", p));
        if (change == null) {
          throw new ReportException(p + ".change: unknown value");
        }
        changes.add(
            new FindingChange(
                text(x, "host", p),
                text(x, "check", p),
                x.path("title").asText(""),
                Severity.parse(x.path("severity").asText("")),
                change,
                status(x.get("before")),
                status(x.get("after")),
                x.path("detail").asText("")));
      }
      Instant started = null;
      if (b.hasNonNull("started_at")) {
        try {
          started = Instant.parse(b.get("started_at").asText());
        } catch (DateTimeParseException e) {
          throw new ReportException("$.baseline.started_at: not an ISO-8601 UTC instant");
        }
      }
      comparison =
          new Comparison(
              b.path("file").asText(""),
              started,
              changes,
              b.path("counts").path("unchanged").asInt(0),
              strings(b.path("hosts_added")),
              strings(b.path("hosts_removed")));
    }
    if (!given && comparison == null) {
      return Review.NONE;
    }
    return new Review(marks, stale, given, comparison);
  }

  private static Waiver waiver(JsonNode w, String path) throws ReportException {
    LocalDate expires;
    try {
      expires = LocalDate.parse(text(w, "expires", path));
    } catch (DateTimeParseException e) {
      throw new ReportException(path + ".expires: not a date (YYYY-MM-DD)");
    }
    return new Waiver(
        text(w, "check", path),
        strings(w.path("hosts")),
        text(w, "justification", path),
        w.path("owner").asText(""),
        w.path("ticket").asText(""),
        expires,
        w.path("source").asText(""));
  }

  private static Status status(JsonNode n) throws ReportException {
    if (n == null || n.isNull()) {
      return null;
    }
    for (Status s : Status.values()) {
      if (s.id().equals(n.asText().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new ReportException("$.baseline.changes: unknown status '" + n.asText() + "'");
  }

  private static String text(JsonNode n, String key, String path) throws ReportException {
    JsonNode v = n.get(key);
    if (v == null || !v.isTextual()) {
      throw new ReportException(path + "." + key + ": expected a string");
    }
    return v.textValue();
  }

  private static List<String> strings(JsonNode n) {
    List<String> out = new ArrayList<>();
    for (JsonNode x : n) {
      out.add(x.asText());
    }
    return out;
  }
}
