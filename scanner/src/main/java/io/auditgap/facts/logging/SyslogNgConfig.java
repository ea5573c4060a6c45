package io.auditgap.facts.logging;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Map;

/**
 * syslog-ng's configuration: named sources, destinations and filters, and the {@code log} paths
 * that connect them. A destination only sends what a log path routes to it.
 *
 * @param listeners network sources ({@code network()}, {@code syslog()}, {@code tcp()}, {@code
 *     udp()}) that accept remote logs
 */
public record SyslogNgConfig(
    String mainFile,
    boolean present,
    List<String> files,
    Map<String, Source> sources,
    Map<String, Destination> destinations,
    Map<String, SyslogNgFilter> filters,
    List<LogPath> paths,
    List<SourceLine> listeners,
    List<String> problems,
    List<String> notes) {

  public SyslogNgConfig {
    files = List.copyOf(files);
    sources = Map.copyOf(sources);
    destinations = Map.copyOf(destinations);
    filters = Map.copyOf(filters);
    paths = List.copyOf(paths);
    listeners = List.copyOf(listeners);
    problems = List.copyOf(problems);
    notes = List.copyOf(notes);
  }

  /** A source; {@code local} when it reads the host's own logs (system(), /dev/log, journal). */
  public record Source(String name, SourceLine where, boolean local, List<String> drivers) {
    public Source {
      drivers = List.copyOf(drivers);
    }
  }

  /**
   * A destination; {@code network} when a driver sends off the host.
   *
   * @param transport {@code tcp}, {@code udp} or {@code tls}
   * @param peerVerify the tls() block's peer-verify() value, or empty when unset
   * @param file the path of a {@code file()} driver as written (may hold macros such as {@code
   *     $HOST}), or empty
   */
  public record Destination(
      String name,
      SourceLine where,
      String driver,
      String host,
      String transport,
      boolean tlsBlock,
      String peerVerify,
      boolean diskBuffer,
      boolean network,
      String file) {
    public Destination {
      file = file == null ? "" : file;
    }

    /** A file destination whose path holds no macro: every message goes to that one file. */
    public boolean fixedFile() {
      return file.startsWith("/") && !file.contains("$");
    }
  }

  /**
   * One log path (nested paths flattened with their parent's sources and filters).
   *
   * @param fin {@code flags(final)}: messages it matched go nowhere after it
   */
  public record LogPath(
      SourceLine where,
      List<String> sources,
      List<SyslogNgFilter> filters,
      List<String> destinations,
      boolean fin) {
    public LogPath {
      sources = List.copyOf(sources);
      filters = List.copyOf(filters);
      destinations = List.copyOf(destinations);
    }
  }

  public boolean hasLocalSource(LogPath p) {
    for (String s : p.sources()) {
      Source src = sources.get(s);
      if (src != null && src.local()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a message of priority {@code pr} from a local source is routed by the path. */
  public Tri passes(LogPath path, SyslogPriority.Priority pr) {
    if (!hasLocalSource(path)) {
      return Tri.FALSE;
    }
    Tri t = Tri.TRUE;
    for (SyslogNgFilter f : path.filters()) {
      t = t.and(f.eval(pr, filters, 0));
    }
    for (LogPath earlier : paths) {
      if (earlier == path) {
        break;
      }
      if (earlier.fin() && hasLocalSource(earlier)) {
        Tri e = Tri.TRUE;
        for (SyslogNgFilter f : earlier.filters()) {
          e = e.and(f.eval(pr, filters, 0));
        }
        t = t.and(e.not());
      }
    }
    return t;
  }

  /** The log paths that use a destination. */
  public List<LogPath> pathsTo(String destination) {
    return paths.stream().filter(p -> p.destinations().contains(destination)).toList();
  }

  static SyslogNgConfig absent(String main) {
    return new SyslogNgConfig(
        main, false, List.of(), Map.of(), Map.of(), Map.of(), List.of(), List.of(), List.of(),
        List.of());
  }
}
