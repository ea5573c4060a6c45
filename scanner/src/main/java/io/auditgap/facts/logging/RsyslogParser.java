package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses rsyslog configuration in both syntaxes (sysklogd selector lines with {@code $} directives,
 * and RainerScript), following {@code $IncludeConfig} and {@code include()} in place. Pure and
 * total: hostile input yields problems with file:line, never an exception.
 */
public final class RsyslogParser {
  private static final int MAX_DEPTH = 8;
  private static final Set<String> OBJECTS =
      Set.of(
          "module",
          "input",
          "global",
          "action",
          "template",
          "ruleset",
          "include",
          "main_queue",
          "parser",
          "lookup_table",
          "timezone",
          "dyn_stats",
          "percentile_stats",
          "property",
          "constant",
          "ratelimit");
  // Matched possessively, names only from their first character: a per-character alternation
  // recurses once per character in java.util.regex (stack overflow on a long line from a hostile
  // host), and a name tried from every position of a long word takes quadratic time.
  private static final Pattern PROPERTY_FILTER =
      Pattern.compile(
          "^:([^,]+),\\s*(!?[A-Za-z_-]+),\\s*\"((?:[^\"\\\\]++|\\\\.)*+)\"\\s*(.*)$",
          Pattern.DOTALL);
  private static final Pattern PARAM =
      Pattern.compile(
          "(?<![A-Za-z0-9_.\\-])([A-Za-z0-9_.\\-]++)\\s*+=\\s*+(\"((?:[^\"\\\\]++|\\\\.)*+)\"|'([^']*+)'|\\[[^\\]]*+\\]|[^\\s\"']++)");

  private final SyslogIncludes files;
  private final List<String> read = new ArrayList<>();
  private final List<RsyslogAction> actions = new ArrayList<>();
  private final List<RsyslogConfig.Discard> discards = new ArrayList<>();
  private final List<RsyslogConfig.Call> calls = new ArrayList<>();
  private final List<RsyslogConfig.Input> inputs = new ArrayList<>();
  private final Map<String, RsyslogConfig.Setting> globals = new LinkedHashMap<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Deque<Frame> frames = new ArrayDeque<>();
  private final Set<String> including = new HashSet<>();
  private final Map<String, String> pendingQueue = new LinkedHashMap<>();
  private final Map<String, String> stickyDriver = new LinkedHashMap<>();
  private String legacyRuleset = RsyslogConfig.DEFAULT_RULESET;
  private List<RsyslogCondition> lastSelector = List.of();
  private int order;

  /** A block: a ruleset body or an if/else branch; conditions apply to everything inside. */
  private record Frame(String ruleset, List<RsyslogCondition> conditions) {}

  private RsyslogParser(SyslogIncludes files) {
    this.files = files;
  }

  /** Parses {@code main} and everything it includes. */
  public static RsyslogConfig parse(SyslogIncludes files, String main) {
    SyslogIncludes.Text t = files.read(main);
    if (!t.readable()) {
      RsyslogParser p = new RsyslogParser(files);
      p.problems.add(t.problem());
      return p.result(main, true);
    }
    if (t.content().isEmpty()) {
      return RsyslogConfig.absent(main);
    }
    RsyslogParser p = new RsyslogParser(files);
    p.parseFile(main, t.content().get(), 0);
    return p.result(main, true);
  }

  private RsyslogConfig result(String main, boolean present) {
    return new RsyslogConfig(
        main, present, read, actions, discards, calls, inputs, globals, problems, notes);
  }

  private void parseFile(String path, String text, int depth) {
    if (depth > MAX_DEPTH || !including.add(path)) {
      problems.add(path + ": include loop or nesting deeper than " + MAX_DEPTH + ", not followed");
      return;
    }
    read.add(path);
    new Scanner(path, text, depth).run();
    including.remove(path);
  }

  private void include(String pattern, SourceLine where, boolean optional, int depth) {
    SyslogIncludes.Expansion e = files.expand(pattern);
    for (String prob : e.problems()) {
      problems.add(where.location() + ": include " + pattern + ": " + prob);
    }
    if (e.files().isEmpty() && e.problems().isEmpty()) {
      notes.add(
          where.location()
              + ": include "
              + pattern
              + " matches no file"
              + (optional ? "" : " (rsyslog reports an error unless mode=\"optional\")"));
    }
    for (String u : e.unmatched()) {
      notes.add(
          u
              + " is not read by rsyslog: it does not match "
              + pattern
              + " ("
              + where.location()
              + ")");
    }
    for (String f : e.files()) {
      files.read(f).content().ifPresent(c -> parseFile(f, c, depth + 1));
    }
  }

  private String currentRuleset() {
    for (Frame f : frames) {
      if (f.ruleset() != null) {
        return f.ruleset();
      }
    }
    return legacyRuleset;
  }

  private List<RsyslogCondition> blockConditions() {
    List<RsyslogCondition> out = new ArrayList<>();
    List<Frame> outerFirst = new ArrayList<>(frames);
    java.util.Collections.reverse(outerFirst);
    for (Frame f : outerFirst) {
      out.addAll(f.conditions());
    }
    return out;
  }

  private void addAction(
      SourceLine where,
      List<RsyslogCondition> filter,
      String type,
      String target,
      String port,
      String protocol,
      Map<String, String> params,
      boolean legacy) {
    List<RsyslogCondition> all = new ArrayList<>(blockConditions());
    all.addAll(filter);
    if (type.equals("discard") || type.equals("omdiscard")) {
      discards.add(new RsyslogConfig.Discard(order++, where, currentRuleset(), all));
    } else {
      actions.add(
          new RsyslogAction(
              order++, where, type, target, port, protocol, params, currentRuleset(), all, legacy));
    }
    // action.c resets the legacy $ActionQueue*/$ActionResumeRetryCount after every action.
    pendingQueue.clear();
  }

  static Map<String, String> params(String inner) {
    Map<String, String> m = new LinkedHashMap<>();
    Matcher mt = PARAM.matcher(inner);
    while (mt.find()) {
      String v =
          mt.group(3) != null ? mt.group(3) : mt.group(4) != null ? mt.group(4) : mt.group(2);
      m.put(mt.group(1).toLowerCase(Locale.ROOT), v);
    }
    return m;
  }

  /** Walks one file's text statement by statement. */
  private final class Scanner {
    private final String path;
    private final String s;
    private final int depth;
    private int i;
    private int line = 1;
    private List<RsyslogCondition> oneShot;
    private RsyslogCondition lastIf;
    private boolean pendingBlockIsRuleset;
    private String pendingRuleset;

    Scanner(String path, String text, int depth) {
      this.path = path;
      this.s = text;
      this.depth = depth;
    }

    void run() {
      int guard = 0;
      while (i < s.length() && guard++ < 200_000) {
        char c = s.charAt(i);
        if (c == '\n') {
          line++;
          i++;
        } else if (Character.isWhitespace(c) || c == ';') {
          i++;
        } else if (c == '#') {
          skipToEol();
        } else if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '*') {
          skipBlockComment();
        } else if (c == '$') {
          legacyDirective();
        } else if (c == '{') {
          i++;
          openBlock();
        } else if (c == '}') {
          i++;
          if (!frames.isEmpty()) {
            frames.pop();
          }
        } else {
          statement();
        }
      }
    }

    private SourceLine at(int ln, String text) {
      return new SourceLine(path, ln, text);
    }

    private void openBlock() {
      if (pendingBlockIsRuleset) {
        frames.push(new Frame(pendingRuleset, List.of()));
      } else if (oneShot != null) {
        frames.push(new Frame(null, oneShot));
      } else {
        frames.push(new Frame(null, List.of()));
      }
      oneShot = null;
      pendingBlockIsRuleset = false;
    }

    private List<RsyslogCondition> takeOneShot() {
      List<RsyslogCondition> c = oneShot == null ? List.of() : oneShot;
      oneShot = null;
      return c;
    }

    private void skipToEol() {
      while (i < s.length() && s.charAt(i) != '\n') {
        i++;
      }
    }

    private void skipBlockComment() {
      int end = s.indexOf("*/", i + 2);
      int stop = end < 0 ? s.length() : end + 2;
      for (int k = i; k < stop; k++) {
        if (s.charAt(k) == '\n') {
          line++;
        }
      }
      i = stop;
    }

    private String restOfLine() {
      int start = i;
      skipToEol();
      return s.substring(start, i);
    }

    /** Reads a balanced ( ... ) starting at '(' and returns the inside with comments removed. */
    private String balanced() {
      StringBuilder sb = new StringBuilder();
      int d = 0;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '"' || c == '\'') {
          int j = i + 1;
          while (j < s.length() && s.charAt(j) != c) {
            if (s.charAt(j) == '\n') {
              line++;
            }
            j += s.charAt(j) == '\\' ? 2 : 1;
          }
          j = Math.min(j + 1, s.length());
          sb.append(s, i, j);
          i = j;
          continue;
        }
        if (c == '#') {
          skipToEol();
          continue;
        }
        if (c == '\n') {
          line++;
        }
        if (c == '(') {
          d++;
          if (d == 1) {
            i++;
            continue;
          }
        } else if (c == ')') {
          d--;
          if (d == 0) {
            i++;
            return sb.toString();
          }
        }
        sb.append(c);
        i++;
      }
      problems.add(path + ":" + line + ": unbalanced parenthesis at end of file");
      return sb.toString();
    }

    private void skipBraces() {
      int d = 0;
      while (i < s.length()) {
        char c = s.charAt(i++);
        if (c == '\n') {
          line++;
        } else if (c == '{') {
          d++;
        } else if (c == '}' && --d == 0) {
          return;
        }
      }
    }

    private void skipSpaces() {
      while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
        i++;
      }
    }

    private void skipWhitespace() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
        if (s.charAt(i) == '\n') {
          line++;
        }
        i++;
      }
    }

    private String word() {
      int start = i;
      while (i < s.length()
          && (Character.isLetterOrDigit(s.charAt(i)) || "_.-:".indexOf(s.charAt(i)) >= 0)) {
        i++;
      }
      return s.substring(start, i);
    }

    private void legacyDirective() {
      int ln = line;
      String text = stripTrailingComment(restOfLine());
      String[] parts = text.substring(1).strip().split("\\s+", 2);
      String name = parts[0].toLowerCase(Locale.ROOT);
      String value = parts.length > 1 ? parts[1].strip() : "";
      SourceLine where = at(ln, text);
      switch (name) {
        case "includeconfig" -> include(value, where, true, depth);
        case "ruleset" -> legacyRuleset = value;
        case "defaultnetstreamdriver",
            "defaultnetstreamdrivercafile",
            "defaultnetstreamdrivercertfile",
            "defaultnetstreamdriverkeyfile" ->
            globals.put(name, new RsyslogConfig.Setting(value, where));
        case "actionqueuetype" -> pendingQueue.put("queue.type", value);
        case "actionqueuefilename" -> pendingQueue.put("queue.filename", value);
        case "actionqueuesaveonshutdown" -> pendingQueue.put("queue.saveonshutdown", value);
        case "actionresumeretrycount" -> pendingQueue.put("action.resumeretrycount", value);
        case "actionsendstreamdriver" -> stickyDriver.put("streamdriver", value);
        case "actionsendstreamdrivermode" -> stickyDriver.put("streamdrivermode", value);
        case "actionsendstreamdriverauthmode" -> stickyDriver.put("streamdriverauthmode", value);
        case "actionsendstreamdriverpermittedpeer" ->
            stickyDriver.put("streamdriverpermittedpeers", value);
        case "resetconfigvariables" -> {
          stickyDriver.clear();
          pendingQueue.clear();
        }
        case "udpserverrun" ->
            inputs.add(new RsyslogConfig.Input(where, "imudp", value, null, true));
        case "inputtcpserverrun" ->
            inputs.add(new RsyslogConfig.Input(where, "imtcp", value, null, true));
        case "inputptcpserverrun" ->
            inputs.add(new RsyslogConfig.Input(where, "imptcp", value, null, true));
        case "inputrelpserverrun" ->
            inputs.add(new RsyslogConfig.Input(where, "imrelp", value, null, true));
        case "inputgssserverrun" ->
            inputs.add(new RsyslogConfig.Input(where, "imgssapi", value, null, true));
        default -> {
          // other directives do not change where messages go
        }
      }
    }

    private void statement() {
      int ln = line;
      int start = i;
      char c = s.charAt(i);
      if (c == ':') {
        propertyFilter(ln);
        return;
      }
      if (c == '&') {
        i++;
        skipSpaces();
        legacyAction(ln, start, lastSelector);
        return;
      }
      if (oneShot != null && "@/-|?^".indexOf(c) >= 0) {
        // "if ... then /var/log/x" or "if ... then @@host": a legacy action without a selector
        legacyAction(ln, start, takeOneShot());
        return;
      }
      if (c == '~') {
        i++;
        addAction(at(ln, "~"), takeOneShot(), "discard", null, null, null, Map.of(), true);
        return;
      }
      String w = word();
      String lw = w.toLowerCase(Locale.ROOT);
      int afterWord = i;
      skipSpaces();
      boolean paren = i < s.length() && s.charAt(i) == '(';
      if (!w.isEmpty() && paren && OBJECTS.contains(lw)) {
        object(lw, ln, start);
        return;
      }
      i = afterWord;
      switch (lw) {
        case "if" -> {
          ifStatement(ln);
          return;
        }
        case "else" -> {
          if (lastIf != null) {
            oneShot = List.of(RsyslogCondition.expression(lastIf.text(), true));
          }
          return;
        }
        case "stop" -> {
          addAction(at(ln, "stop"), takeOneShot(), "discard", null, null, null, Map.of(), false);
          return;
        }
        case "call" -> {
          skipSpaces();
          String target = word();
          List<RsyslogCondition> f = new ArrayList<>(blockConditions());
          f.addAll(takeOneShot());
          calls.add(
              new RsyslogConfig.Call(
                  order++, at(ln, "call " + target), currentRuleset(), target, f));
          return;
        }
        case "set", "unset", "reset" -> {
          while (i < s.length() && s.charAt(i) != ';' && s.charAt(i) != '\n') {
            i++;
          }
          takeOneShot();
          return;
        }
        default -> {
          // a legacy selector line
        }
      }
      i = start;
      selectorLine(ln);
    }

    private void ifStatement(int ln) {
      int start = i;
      int then = findThen();
      if (then < 0) {
        problems.add(path + ":" + ln + ": if without then");
        skipToEol();
        return;
      }
      String expr = s.substring(start, then);
      for (int k = start; k < then; k++) {
        if (s.charAt(k) == '\n') {
          line++;
        }
      }
      i = then + 4;
      RsyslogCondition cond = RsyslogCondition.expression(expr, false);
      lastIf = cond;
      List<RsyslogCondition> c = new ArrayList<>(oneShot == null ? List.of() : oneShot);
      c.add(cond);
      oneShot = c;
    }

    private int findThen() {
      int k = i;
      while (k < s.length()) {
        char c = s.charAt(k);
        if (c == '"' || c == '\'') {
          int j = k + 1;
          while (j < s.length() && s.charAt(j) != c) {
            j += s.charAt(j) == '\\' ? 2 : 1;
          }
          k = j + 1;
          continue;
        }
        if ((c == 't' || c == 'T')
            && s.regionMatches(true, k, "then", 0, 4)
            && (k == 0 || !Character.isLetterOrDigit(s.charAt(k - 1)))
            && (k + 4 >= s.length() || !Character.isLetterOrDigit(s.charAt(k + 4)))) {
          return k;
        }
        k++;
      }
      return -1;
    }

    private void object(String kind, int ln, int start) {
      String inner = balanced();
      Map<String, String> p = params(inner);
      SourceLine where = at(ln, s.substring(start, Math.min(i, s.length())));
      switch (kind) {
        case "include" -> {
          takeOneShot();
          if (p.containsKey("file")) {
            include(p.get("file"), where, "optional".equalsIgnoreCase(p.get("mode")), depth);
          } else {
            notes.add(where.location() + ": include(text=...) is not evaluated by the scanner");
          }
        }
        case "global" -> {
          for (Map.Entry<String, String> e : p.entrySet()) {
            globals.put(e.getKey(), new RsyslogConfig.Setting(e.getValue(), where));
          }
        }
        case "module" -> module(p, where);
        case "input" -> input(p, where);
        case "ruleset" -> {
          pendingBlockIsRuleset = true;
          pendingRuleset = p.getOrDefault("name", "");
        }
        case "template" -> {
          int save = i;
          int saveLine = line;
          skipWhitespace();
          if (i < s.length() && s.charAt(i) == '{') {
            skipBraces();
          } else {
            i = save;
            line = saveLine;
          }
        }
        case "action" -> rainerAction(p, where, takeOneShot());
        default -> takeOneShot();
      }
    }

    private void module(Map<String, String> p, SourceLine where) {
      String load = p.getOrDefault("load", "").toLowerCase(Locale.ROOT);
      if (load.equals("imjournal") || load.equals("imuxsock")) {
        String rs = p.get("ruleset");
        if (rs != null) {
          inputs.add(new RsyslogConfig.Input(where, load, "", rs, false));
        }
      }
      for (String k : List.of("defaultnetstreamdriver", "defaultnetstreamdrivercafile")) {
        if (p.containsKey(k)) {
          globals.put(k, new RsyslogConfig.Setting(p.get(k), where));
        }
      }
    }

    private void input(Map<String, String> p, SourceLine where) {
      String type = p.getOrDefault("type", "").toLowerCase(Locale.ROOT);
      boolean network =
          type.equals("imudp")
              || type.equals("imtcp")
              || type.equals("imptcp")
              || type.equals("imrelp")
              || type.equals("imgssapi");
      inputs.add(
          new RsyslogConfig.Input(
              where, type, p.getOrDefault("port", ""), p.getOrDefault("ruleset", null), network));
    }

    private void rainerAction(Map<String, String> p, SourceLine where, List<RsyslogCondition> f) {
      String type = p.getOrDefault("type", "").toLowerCase(Locale.ROOT);
      if (type.isEmpty()) {
        problems.add(where.location() + ": action() without type");
        return;
      }
      String protocol =
          type.equals("omrelp")
              ? "relp"
              : type.equals("omfwd")
                  ? p.getOrDefault("protocol", "udp").toLowerCase(Locale.ROOT)
                  : "";
      String port = p.getOrDefault("port", type.equals("omfwd") ? "514" : "");
      addAction(where, f, type, p.getOrDefault("target", ""), port, protocol, p, false);
    }

    private void propertyFilter(int ln) {
      int start = i;
      String rest = restOfLine();
      Matcher m = PROPERTY_FILTER.matcher(rest);
      if (!m.matches()) {
        // ":omusrmsg:" and ":omrelp:" style actions without a selector are rare; keep going.
        problems.add(path + ":" + ln + ": unrecognised line: " + rest.strip());
        return;
      }
      List<RsyslogCondition> f = new ArrayList<>(takeOneShot());
      f.add(
          RsyslogCondition.property(
              ":" + m.group(1) + ", " + m.group(2) + ", \"" + m.group(3) + "\""));
      lastSelector = f;
      i = start + m.start(4);
      legacyAction(ln, start, f);
    }

    private void selectorLine(int ln) {
      int start = i;
      while (i < s.length() && !Character.isWhitespace(s.charAt(i))) {
        i++;
      }
      String selector = s.substring(start, i);
      // Legacy lines may continue with a trailing backslash.
      skipSpaces();
      if (i < s.length() && s.charAt(i) == '\n') {
        if (selector.endsWith("\\")) {
          line++;
          i++;
          skipSpaces();
          selector = selector.substring(0, selector.length() - 1);
        }
      }
      SyslogSelector sel = SyslogSelector.parse(selector);
      if (!sel.valid()) {
        problems.add(path + ":" + ln + ": invalid selector '" + selector.strip() + "'");
        skipToEol();
        return;
      }
      List<RsyslogCondition> f = new ArrayList<>(takeOneShot());
      f.add(RsyslogCondition.selector(selector));
      lastSelector = f;
      legacyAction(ln, start, f);
    }

    /** The action part of a selector, property-filter or {@code &} line. */
    private void legacyAction(int ln, int lineStart, List<RsyslogCondition> f) {
      skipSpaces();
      int aStart = i;
      String head = s.substring(i, Math.min(s.length(), i + 8)).toLowerCase(Locale.ROOT);
      if (head.startsWith("action")) {
        i += 6;
        skipSpaces();
        if (i < s.length() && s.charAt(i) == '(') {
          String inner = balanced();
          rainerAction(params(inner), at(ln, s.substring(lineStart, i)), f);
          return;
        }
        i = aStart;
      }
      if (head.startsWith("stop")) {
        i += 4;
        addAction(
            at(ln, s.substring(lineStart, i)), f, "discard", null, null, null, Map.of(), false);
        return;
      }
      String act = stripTrailingComment(restOfLine()).strip();
      SourceLine where = at(ln, s.substring(lineStart, Math.min(i, s.length())));
      if (act.isEmpty()) {
        problems.add(where.location() + ": selector without action");
        return;
      }
      legacyTarget(act, where, f);
    }

    private void legacyTarget(String act, SourceLine where, List<RsyslogCondition> f) {
      if (act.equals("~")) {
        addAction(where, f, "discard", null, null, null, Map.of(), true);
        return;
      }
      if (act.startsWith("@")) {
        boolean tcp = act.startsWith("@@");
        String rest = act.substring(tcp ? 2 : 1);
        if (rest.startsWith("(")) {
          int close = rest.indexOf(')');
          rest = close < 0 ? "" : rest.substring(close + 1);
        }
        int semi = rest.indexOf(';');
        String hostPort = semi < 0 ? rest : rest.substring(0, semi);
        String host;
        String port = "514";
        if (hostPort.startsWith("[")) {
          int close = hostPort.indexOf(']');
          host = close < 0 ? hostPort : hostPort.substring(1, close);
          String after = close < 0 ? "" : hostPort.substring(close + 1);
          if (after.startsWith(":")) {
            port = after.substring(1);
          }
        } else {
          int colon = hostPort.indexOf(':');
          host = colon < 0 ? hostPort : hostPort.substring(0, colon);
          if (colon >= 0) {
            port = hostPort.substring(colon + 1);
          }
        }
        Map<String, String> p = new LinkedHashMap<>(pendingQueue);
        p.putAll(stickyDriver);
        p.put("target", host);
        p.put("port", port);
        p.put("protocol", tcp ? "tcp" : "udp");
        addAction(where, f, "omfwd", host, port, tcp ? "tcp" : "udp", p, true);
        return;
      }
      if (act.toLowerCase(Locale.ROOT).startsWith(":omrelp:")) {
        String rest = act.substring(8);
        int semi = rest.indexOf(';');
        String hp = semi < 0 ? rest : rest.substring(0, semi);
        int colon = hp.lastIndexOf(':');
        String host = colon < 0 ? hp : hp.substring(0, colon);
        String port = colon < 0 ? "" : hp.substring(colon + 1);
        Map<String, String> p = new LinkedHashMap<>(pendingQueue);
        p.put("target", host);
        p.put("port", port);
        addAction(where, f, "omrelp", host, port, "relp", p, true);
        return;
      }
      String type;
      if (act.startsWith("/")
          || act.startsWith("-/")
          || act.startsWith("?")
          || act.startsWith("-?")) {
        type = "omfile";
      } else if (act.startsWith("|")) {
        type = "ompipe";
      } else if (act.startsWith(":omusrmsg:") || act.equals("*")) {
        type = "omusrmsg";
      } else if (act.startsWith("^")) {
        type = "omprog";
      } else if (act.startsWith(":")) {
        int end = act.indexOf(':', 1);
        type = end > 0 ? act.substring(1, end) : "other";
      } else {
        type = "omusrmsg";
      }
      addAction(where, f, type, act, null, null, new LinkedHashMap<>(pendingQueue), true);
    }

    private String stripTrailingComment(String text) {
      boolean q = false;
      for (int k = 0; k < text.length(); k++) {
        char c = text.charAt(k);
        if (c == '"') {
          q = !q;
        } else if (c == '#' && !q && k > 0 && Character.isWhitespace(text.charAt(k - 1))) {
          return text.substring(0, k).strip();
        }
      }
      return text.strip();
    }
  }

  /** Exposed for tests: the parameters of one RainerScript object body. */
  static Optional<String> param(String inner, String name) {
    return Optional.ofNullable(params(inner).get(name.toLowerCase(Locale.ROOT)));
  }
}
