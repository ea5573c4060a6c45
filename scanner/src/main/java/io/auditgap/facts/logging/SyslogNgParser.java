package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Parses syslog-ng.conf and its {@code @include}s into sources, destinations, filters and log
 * paths. Library includes ({@code scl.conf}, files under /usr/share/syslog-ng) only define drivers
 * and are not followed. Pure and total.
 */
public final class SyslogNgParser {
  private static final Set<String> NETWORK_DRIVERS =
      Set.of("network", "syslog", "tcp", "udp", "tcp6", "udp6", "syslog-ng");
  private static final Set<String> LOCAL_DRIVERS =
      Set.of("system", "systemd-journal", "systemd-syslog", "unix-dgram", "unix-stream");

  private record Tok(String text, String file, int line, boolean string) {}

  /** A parsed object: {@code name [label] (args) { block }}. */
  private record Node(String name, String label, List<Object> args, List<Node> block, Tok at) {}

  private final SyslogIncludes files;
  private final List<String> read = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();
  private final Set<String> including = new HashSet<>();
  private final Map<String, List<String>> fileLines = new LinkedHashMap<>();
  private List<Tok> toks = new ArrayList<>();
  private int pos;

  private SyslogNgParser(SyslogIncludes files) {
    this.files = files;
  }

  public static SyslogNgConfig parse(SyslogIncludes files, String main) {
    SyslogIncludes.Text t = files.read(main);
    SyslogNgParser p = new SyslogNgParser(files);
    if (!t.readable()) {
      p.problems.add(t.problem());
      return p.build(main, true, List.of());
    }
    if (t.content().isEmpty()) {
      return SyslogNgConfig.absent(main);
    }
    p.tokenize(main, t.content().get(), 0);
    List<Node> top = p.items();
    return p.build(main, true, top);
  }

  private void tokenize(String path, String s, int depth) {
    if (depth > 8 || !including.add(path)) {
      problems.add(path + ": include loop or nesting too deep, not followed");
      return;
    }
    read.add(path);
    fileLines.put(path, List.of(s.split("\n", -1)));
    int i = 0;
    int line = 1;
    boolean lineStart = true;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\n') {
        line++;
        i++;
        lineStart = true;
        continue;
      }
      if (Character.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        while (i < s.length() && s.charAt(i) != '\n') {
          i++;
        }
        continue;
      }
      if (c == '@' && lineStart) {
        int end = s.indexOf('\n', i);
        String directive = s.substring(i, end < 0 ? s.length() : end).strip();
        i = end < 0 ? s.length() : end;
        if (directive.startsWith("@include")) {
          include(
              directive.substring(8).strip(), new SourceLine(path, line, directive), path, depth);
        }
        continue;
      }
      lineStart = false;
      if (c == '"' || c == '\'') {
        int j = i + 1;
        StringBuilder sb = new StringBuilder();
        int startLine = line;
        while (j < s.length() && s.charAt(j) != c) {
          if (s.charAt(j) == '\\' && j + 1 < s.length()) {
            sb.append(s.charAt(j + 1));
            j += 2;
            continue;
          }
          if (s.charAt(j) == '\n') {
            line++;
          }
          sb.append(s.charAt(j++));
        }
        toks.add(new Tok(sb.toString(), path, startLine, true));
        i = j + 1;
        continue;
      }
      if ("(){};,".indexOf(c) >= 0) {
        toks.add(new Tok(String.valueOf(c), path, line, false));
        i++;
        continue;
      }
      int j = i;
      while (j < s.length()
          && !Character.isWhitespace(s.charAt(j))
          && "(){};,#\"'".indexOf(s.charAt(j)) < 0) {
        j++;
      }
      toks.add(new Tok(s.substring(i, j), path, line, false));
      i = j;
    }
  }

  private void include(String arg, SourceLine where, String from, int depth) {
    String target = SyslogNgFilter.unquote(arg.replaceAll(";\\s*$", "").strip());
    if (target.equals("scl.conf") || target.startsWith("/usr/share/syslog-ng")) {
      return;
    }
    if (!target.startsWith("/")) {
      target = from.substring(0, from.lastIndexOf('/') + 1) + target;
    }
    SyslogIncludes.Expansion e = files.expand(target);
    for (String prob : e.problems()) {
      problems.add(where.location() + ": @include " + target + ": " + prob);
    }
    if (e.files().isEmpty() && e.problems().isEmpty()) {
      notes.add(where.location() + ": @include " + target + " matches no file");
    }
    for (String u : e.unmatched()) {
      notes.add(u + " is not read by syslog-ng: it does not match " + target);
    }
    for (String f : e.files()) {
      String t = target;
      files.read(f).content().ifPresent(c -> tokenize(f, c, depth + 1));
    }
  }

  private boolean at(String t) {
    return pos < toks.size() && !toks.get(pos).string() && toks.get(pos).text().equals(t);
  }

  private List<Node> items() {
    List<Node> out = new ArrayList<>();
    int guard = 0;
    while (pos < toks.size() && !at("}") && guard++ < 100_000) {
      if (at(";") || at(",") || at(")") || at("(") || at("{")) {
        if (at("{") || at("(")) {
          problems.add(where(toks.get(pos)) + ": unexpected '" + toks.get(pos).text() + "'");
        }
        pos++;
        continue;
      }
      Tok name = toks.get(pos++);
      String label = null;
      if (pos < toks.size() && !at("(") && !at("{") && !at(";") && !at("}")) {
        label = toks.get(pos++).text();
      }
      List<Object> args = List.of();
      if (at("(")) {
        pos++;
        args = args();
      }
      List<Node> block = List.of();
      if (at("{")) {
        pos++;
        if (name.text().equalsIgnoreCase("filter")) {
          block = List.of(new Node("expr", null, rawUntilBrace(), List.of(), name));
        } else {
          block = items();
        }
        if (at("}")) {
          pos++;
        }
      }
      out.add(
          new Node(
              name.text().toLowerCase(Locale.ROOT).replace('_', '-'), label, args, block, name));
    }
    return out;
  }

  private List<Object> args() {
    List<Object> out = new ArrayList<>();
    int guard = 0;
    while (pos < toks.size() && !at(")") && guard++ < 100_000) {
      Tok t = toks.get(pos);
      if (at(",")) {
        pos++;
        continue;
      }
      if (at("(")) {
        pos++;
        out.add(new Node("", null, args(), List.of(), t));
        continue;
      }
      pos++;
      if (!t.string() && at("(")) {
        pos++;
        out.add(
            new Node(
                t.text().toLowerCase(Locale.ROOT).replace('_', '-'), null, args(), List.of(), t));
      } else {
        out.add(t.text());
      }
    }
    if (at(")")) {
      pos++;
    }
    return out;
  }

  private List<Object> rawUntilBrace() {
    List<Object> out = new ArrayList<>();
    int d = 0;
    while (pos < toks.size()) {
      Tok t = toks.get(pos);
      if (!t.string() && t.text().equals("}") && d == 0) {
        break;
      }
      if (!t.string() && t.text().equals("{")) {
        d++;
      } else if (!t.string() && t.text().equals("}")) {
        d--;
      }
      pos++;
      if (!t.string() && t.text().equals(";")) {
        continue;
      }
      out.add(t.string() ? "\"" + t.text() + "\"" : t.text());
    }
    return out;
  }

  private String where(Tok t) {
    return t.file() + ":" + t.line();
  }

  private SourceLine line(Tok t) {
    List<String> lines = fileLines.getOrDefault(t.file(), List.of());
    String text = t.line() - 1 < lines.size() ? lines.get(t.line() - 1) : "";
    return new SourceLine(t.file(), t.line(), text);
  }

  private SyslogNgConfig build(String main, boolean present, List<Node> top) {
    Map<String, SyslogNgConfig.Source> sources = new LinkedHashMap<>();
    Map<String, SyslogNgConfig.Destination> dests = new LinkedHashMap<>();
    Map<String, SyslogNgFilter> filters = new LinkedHashMap<>();
    List<SyslogNgConfig.LogPath> paths = new ArrayList<>();
    List<SourceLine> listeners = new ArrayList<>();
    int anon = 0;
    for (Node n : top) {
      switch (n.name()) {
        case "source" -> sources.put(label(n), source(label(n), n, listeners));
        case "destination" -> dests.put(label(n), destination(label(n), n));
        case "filter" -> filters.put(label(n), filter(n));
        default -> {
          // options, templates, parsers and rewrites do not route messages
        }
      }
    }
    for (Node n : top) {
      if (n.name().equals("log")) {
        anon = logPath(n, List.of(), List.of(), sources, dests, filters, paths, listeners, anon);
      }
    }
    return new SyslogNgConfig(
        main, present, read, sources, dests, filters, paths, listeners, problems, notes);
  }

  private static String label(Node n) {
    return n.label() == null ? "" : n.label();
  }

  private int logPath(
      Node n,
      List<String> parentSources,
      List<SyslogNgFilter> parentFilters,
      Map<String, SyslogNgConfig.Source> sources,
      Map<String, SyslogNgConfig.Destination> dests,
      Map<String, SyslogNgFilter> filters,
      List<SyslogNgConfig.LogPath> paths,
      List<SourceLine> listeners,
      int anon) {
    List<String> src = new ArrayList<>(parentSources);
    List<SyslogNgFilter> flt = new ArrayList<>(parentFilters);
    List<String> dst = new ArrayList<>();
    boolean fin = false;
    List<Node> nested = new ArrayList<>();
    for (Node item : n.block()) {
      switch (item.name()) {
        case "source" -> {
          if (!item.block().isEmpty()) {
            String name = "#inline-source-" + (++anon);
            sources.put(name, source(name, item, listeners));
            src.add(name);
          } else {
            item.args().forEach(a -> src.add(String.valueOf(a)));
          }
        }
        case "filter" -> {
          if (!item.block().isEmpty()) {
            flt.add(filter(item));
          } else {
            for (Object a : item.args()) {
              String name = String.valueOf(a);
              if (!filters.containsKey(name)) {
                problems.add(where(item.at()) + ": filter(" + name + ") is not defined");
              }
              flt.add(SyslogNgFilter.reference(name));
            }
          }
        }
        case "destination" -> {
          if (!item.block().isEmpty()) {
            String name = "#inline-destination-" + (++anon);
            dests.put(name, destination(name, item));
            dst.add(name);
          } else {
            item.args().forEach(a -> dst.add(String.valueOf(a)));
          }
        }
        case "flags" -> {
          for (Object a : item.args()) {
            if (String.valueOf(a).equalsIgnoreCase("final")) {
              fin = true;
            }
          }
        }
        case "log", "junction", "channel" -> nested.add(item);
        default -> {
          // parser(), rewrite() do not change routing by priority
        }
      }
    }
    for (String s : src) {
      if (!sources.containsKey(s)) {
        problems.add(where(n.at()) + ": source(" + s + ") is not defined");
      }
    }
    paths.add(new SyslogNgConfig.LogPath(line(n.at()), src, flt, dst, fin));
    for (Node child : nested) {
      anon = logPath(child, src, flt, sources, dests, filters, paths, listeners, anon);
    }
    return anon;
  }

  private SyslogNgConfig.Source source(String name, Node n, List<SourceLine> listeners) {
    boolean local = false;
    List<String> drivers = new ArrayList<>();
    for (Node d : n.block()) {
      drivers.add(d.name());
      if (LOCAL_DRIVERS.contains(d.name())) {
        boolean devlog =
            !d.name().startsWith("unix") || d.args().stream().anyMatch(a -> "/dev/log".equals(a));
        local |= devlog;
      }
      if (NETWORK_DRIVERS.contains(d.name()) || d.name().equals("default-network-drivers")) {
        listeners.add(line(d.at()));
      }
    }
    return new SyslogNgConfig.Source(name, line(n.at()), local, drivers);
  }

  private SyslogNgFilter filter(Node n) {
    List<String> tokens = new ArrayList<>();
    if (!n.block().isEmpty()) {
      for (Object o : n.block().get(0).args()) {
        tokens.add(String.valueOf(o));
      }
    }
    return new SyslogNgFilter(String.join(" ", tokens), tokens);
  }

  private SyslogNgConfig.Destination destination(String name, Node n) {
    for (Node d : n.block()) {
      if (!NETWORK_DRIVERS.contains(d.name())) {
        continue;
      }
      String host = "";
      String transport = d.name().startsWith("udp") ? "udp" : "tcp";
      boolean tls = false;
      String peerVerify = "";
      boolean diskBuffer = false;
      for (Object a : d.args()) {
        if (a instanceof String s) {
          if (host.isEmpty()) {
            host = s;
          }
        } else if (a instanceof Node opt) {
          switch (opt.name()) {
            case "host", "server", "ip" -> host = first(opt);
            case "transport" -> transport = first(opt).toLowerCase(Locale.ROOT);
            case "tls" -> {
              tls = true;
              for (Object t : opt.args()) {
                if (t instanceof Node tn && tn.name().equals("peer-verify")) {
                  peerVerify = first(tn).toLowerCase(Locale.ROOT);
                }
              }
            }
            case "disk-buffer" -> diskBuffer = true;
            default -> {
              // port(), template() and the like
            }
          }
        }
      }
      return new SyslogNgConfig.Destination(
          name, line(d.at()), d.name(), host, transport, tls, peerVerify, diskBuffer, true, "");
    }
    String driver = n.block().isEmpty() ? "" : n.block().get(0).name();
    String file = "";
    SourceLine at = line(n.at());
    if (driver.equals("file") && !n.block().isEmpty()) {
      Node d = n.block().get(0);
      file = first(d);
      at = line(d.at());
    }
    return new SyslogNgConfig.Destination(name, at, driver, "", "", false, "", false, false, file);
  }

  private static String first(Node n) {
    for (Object a : n.args()) {
      if (a instanceof String s) {
        return s;
      }
    }
    return "";
  }
}
