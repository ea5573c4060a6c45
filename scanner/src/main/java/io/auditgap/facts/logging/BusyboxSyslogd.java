package io.auditgap.facts.logging;

import java.util.ArrayList;
import java.util.List;

/**
 * A running BusyBox {@code syslogd} (Alpine's default logger, started by OpenRC with {@code
 * SYSLOGD_OPTS} from /etc/conf.d/syslog). It has no configuration file: its command line is its
 * configuration. {@code -R HOST[:PORT]} sends every message to HOST over UDP (default port 514);
 * with {@code -R} and without {@code -L} nothing is written locally; {@code -C} writes to a
 * shared-memory ring instead of a file; otherwise messages go to {@code -O FILE} (default
 * /var/log/messages), rotated by the daemon itself at {@code -s} KiB (default 200) keeping {@code
 * -b} old files (default 1). Option letters and arguments as BusyBox 1.36's syslogd.c parses them
 * (getopt32 "m:nO:l:Ss:b:R:*LC::Df:t", arguments attached or separate).
 *
 * @param commandLine the process's argv joined by spaces, as read from /proc/PID/cmdline
 * @param remotes the {@code -R} targets in order, each {@code host} or {@code host:port}
 * @param local whether messages are also written on the host (file or ring)
 * @param ring {@code -C}: the local copy is the in-memory ring, read with logread, lost at reboot
 * @param file the log file when written locally to a file, else empty
 * @param rotateKib size at which the daemon rotates the file (0: never)
 * @param keep how many rotated files it keeps
 * @param level {@code -l N}: only messages more urgent than priority N are logged (default 8: all)
 * @param config {@code -f FILE}: the rules file it reads, empty when not given (then
 *     /etc/syslog.conf, if BusyBox was built with FEATURE_SYSLOGD_CFG)
 */
public record BusyboxSyslogd(
    String commandLine,
    List<String> remotes,
    boolean local,
    boolean ring,
    String file,
    long rotateKib,
    int keep,
    int level,
    String config) {
  public static final String DEFAULT_FILE = "/var/log/messages";

  public BusyboxSyslogd {
    remotes = List.copyOf(remotes);
  }

  /** Options that take an argument (attached, or the next word). */
  private static final String WITH_ARG = "mOlsbRf";

  /**
   * Parses argv (NUL-separated as in /proc/PID/cmdline, or space-separated). Pure; unknown options
   * are ignored, a malformed number keeps BusyBox's default.
   */
  public static BusyboxSyslogd parse(String cmdline) {
    String[] argv = cmdline.replace('\0', ' ').strip().split("\\s+");
    List<String> remotes = new ArrayList<>();
    boolean alsoLocal = false;
    boolean ring = false;
    String file = DEFAULT_FILE;
    long size = 200;
    int keep = 1;
    int level = 8;
    String config = "";
    for (int i = 1; i < argv.length; i++) {
      String w = argv[i];
      if (!w.startsWith("-") || w.length() < 2) {
        continue;
      }
      for (int j = 1; j < w.length(); j++) {
        char o = w.charAt(j);
        if (o == 'C') {
          ring = true;
          break; // -C[size]: an optional argument only when attached
        }
        if (o == 'L') {
          alsoLocal = true;
          continue;
        }
        if (WITH_ARG.indexOf(o) < 0) {
          continue;
        }
        String arg =
            j + 1 < w.length() ? w.substring(j + 1) : (i + 1 < argv.length ? argv[++i] : "");
        switch (o) {
          case 'R' -> {
            if (!arg.isEmpty()) {
              remotes.add(arg);
            }
          }
          case 'O' -> file = arg.isEmpty() ? file : arg;
          case 's' -> size = number(arg, size);
          case 'b' -> keep = (int) number(arg, keep);
          case 'l' -> level = (int) number(arg, level);
          case 'f' -> config = arg;
          default -> {}
        }
        break;
      }
    }
    boolean local = remotes.isEmpty() || alsoLocal;
    String cmd = String.join(" ", argv);
    return new BusyboxSyslogd(
        cmd, remotes, local, local && ring, local && !ring ? file : "", size, keep, level, config);
  }

  private static long number(String s, long dflt) {
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return dflt;
    }
  }

  /**
   * The host part of a {@code -R} target ({@code [v6]:port}, {@code host:port} or {@code host}).
   */
  public static String host(String remote) {
    if (remote.startsWith("[")) {
      int end = remote.indexOf(']');
      return end > 0 ? remote.substring(1, end) : remote;
    }
    int colon = remote.indexOf(':');
    return colon >= 0 && remote.indexOf(':', colon + 1) < 0 ? remote.substring(0, colon) : remote;
  }

  /** The port of a {@code -R} target, or "514" (BusyBox's default). */
  public static String port(String remote) {
    String rest = remote.startsWith("[") ? remote.substring(remote.indexOf(']') + 1) : remote;
    int colon = rest.lastIndexOf(':');
    return colon >= 0 && rest.indexOf(':') == colon ? rest.substring(colon + 1) : "514";
  }
}
