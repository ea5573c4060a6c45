package io.auditgap.inventory.sshconfig;

import io.auditgap.text.Glob;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * An OpenSSH client configuration ({@code ~/.ssh/config} and what it includes), resolved per host
 * the way {@code ssh -G} does: {@code Host} and {@code Match host/originalhost/user/localuser/all}
 * blocks, the first value of an option wins, {@code Include} (globs, relative to {@code ~/.ssh}),
 * tokens {@code %h %p %r %u %d %n %l %L %i %%} and {@code ~} / {@code ${VAR}} in file options.
 *
 * <p>Options that change how a host is reached but that auditgap cannot honour ({@code
 * ProxyCommand}, {@code Match exec}, ...) are refused with a message naming the line, rather than
 * silently connecting some other way. Options that do not change who is reached or how it is
 * trusted (ciphers, forwarding, multiplexing, ...) are ignored.
 */
public final class SshConfig {
  private static final int MAX_INCLUDE_DEPTH = 16;
  private static final int MAX_BYTES = 1024 * 1024;

  /** Options auditgap applies. */
  public static final Set<String> HONOURED =
      Set.of(
          "host",
          "match",
          "include",
          "hostname",
          "user",
          "port",
          "identityfile",
          "identitiesonly",
          "identityagent",
          "certificatefile",
          "proxyjump",
          "userknownhostsfile",
          "stricthostkeychecking",
          "hostkeyalias",
          "connecttimeout");

  /** Options that would change how the host is reached or trusted and cannot be honoured. */
  public static final Map<String, String> REFUSED =
      Map.of(
          "proxycommand", "auditgap does not run commands from ssh_config; use ProxyJump",
          "knownhostscommand", "auditgap does not run commands from ssh_config",
          "pkcs11provider", "keys on PKCS#11 tokens are not supported; load them into ssh-agent",
          "securitykeyprovider", "security-key middleware is not supported",
          "canonicalizehostname", "host name canonicalization is not supported",
          "globalknownhostsfile", "only UserKnownHostsFile is read",
          "hostbasedauthentication", "only public-key authentication is supported",
          "pubkeyauthentication", "only public-key authentication is supported");

  /** Read after the user's file unless a file was named (like {@code ssh -F}). */
  public static final Path SYSTEM_FILE = Path.of("/etc/ssh/ssh_config");

  private final List<Path> files;
  private final Path home;
  private final String localUser;
  private final String localHost;
  private final String uid;
  private final Function<String, String> env;

  private SshConfig(
      List<Path> files,
      Path home,
      String localUser,
      String localHost,
      String uid,
      Function<String, String> env) {
    this.files = List.copyOf(files);
    this.home = home;
    this.localUser = localUser;
    this.localHost = localHost;
    this.uid = uid;
    this.env = env;
  }

  /**
   * @param file the user configuration ({@code ~/.ssh/config}); may be missing
   * @param home the local user's home ({@code %d}, {@code ~})
   */
  public static SshConfig of(
      Path file,
      Path home,
      String localUser,
      String localHost,
      String uid,
      Function<String, String> env) {
    return new SshConfig(List.of(file), home, localUser, localHost, uid, env);
  }

  /**
   * The user's file, then the system-wide {@code /etc/ssh/ssh_config}, as {@code ssh} reads them.
   */
  public static SshConfig userAndSystem(
      Path file,
      Path home,
      String localUser,
      String localHost,
      String uid,
      Function<String, String> env) {
    return new SshConfig(List.of(file, SYSTEM_FILE), home, localUser, localHost, uid, env);
  }

  /** No configuration at all ({@code --ssh-config none}): only the defaults apply. */
  public static SshConfig none(
      Path home, String localUser, String localHost, String uid, Function<String, String> env) {
    return new SshConfig(List.of(), home, localUser, localHost, uid, env);
  }

  /** The configuration file read, or null for {@link #none}. */
  public Path file() {
    return files.isEmpty() ? null : files.get(0);
  }

  public Path home() {
    return home;
  }

  public String localUser() {
    return localUser;
  }

  /**
   * Resolves {@code host} as {@code ssh [-l user] [-p port] host -G} would.
   *
   * @param user from the command line or inventory (it wins over {@code User}), or null
   * @param port from the command line or inventory (it wins over {@code Port}), or null
   */
  public SshHostConfig resolve(String host, String user, Integer port) throws SshConfigException {
    Evaluation ev = new Evaluation(host.toLowerCase(Locale.ROOT), host);
    if (user != null) {
      ev.first.put("user", new Value(List.of(user), "command line or inventory"));
    }
    if (port != null) {
      ev.first.put("port", new Value(List.of(String.valueOf(port)), "command line or inventory"));
    }
    for (Path f : files) {
      if (Files.exists(f)) {
        ev.system = f.equals(SYSTEM_FILE);
        ev.readFile(f, 0);
      }
    }
    return ev.result();
  }

  /**
   * A file option's value as a path: {@code ~}, {@code ${VAR}} and the tokens expanded for the
   * resolved host.
   */
  public String expand(String raw, SshHostConfig c, String what) throws SshConfigException {
    return expandFile(raw, c.hostname(), c.port(), c.user(), c.hostArg(), what);
  }

  // ------------------------------------------------------------------ evaluation

  private record Value(List<String> args, String where) {}

  private final class Evaluation {
    final String hostArg;
    final String original;
    final Map<String, Value> first = new LinkedHashMap<>();
    final List<Value> identityFiles = new ArrayList<>();
    final List<Value> certificateFiles = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    boolean system;

    Evaluation(String hostArg, String original) {
      this.hostArg = hostArg;
      this.original = original;
    }

    void readFile(Path file, int depth) throws SshConfigException {
      if (depth > MAX_INCLUDE_DEPTH) {
        throw new SshConfigException(
            file + ": Include nested more than " + MAX_INCLUDE_DEPTH + " deep");
      }
      List<String> lines;
      try {
        if (Files.size(file) > MAX_BYTES) {
          throw new SshConfigException(file + ": larger than " + MAX_BYTES + " bytes");
        }
        lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new SshConfigException("cannot read ssh_config " + file + ": " + e.getMessage());
      }
      // A file starts in the active state; Host/Match lines switch it (OpenSSH readconf.c).
      Block block = Block.ACTIVE;
      String blockLine = null;
      for (int i = 0; i < lines.size(); i++) {
        String where = file + ":" + (i + 1);
        List<String> words = split(lines.get(i), where);
        if (words.isEmpty()) {
          continue;
        }
        String kw = words.get(0).toLowerCase(Locale.ROOT);
        List<String> args = words.subList(1, words.size());
        switch (kw) {
          case "host" -> {
            block = hostMatches(args, where) ? Block.ACTIVE : Block.INACTIVE;
            blockLine = where;
          }
          case "match" -> {
            block = match(args, where);
            blockLine = where;
          }
          default -> {
            if (block == Block.INACTIVE) {
              continue;
            }
            if (block == Block.UNDECIDABLE) {
              if (HONOURED.contains(kw) || REFUSED.containsKey(kw)) {
                throw new SshConfigException(
                    where
                        + ": "
                        + words.get(0)
                        + " inside a Match block auditgap cannot evaluate ("
                        + blockLine
                        + ": exec, canonical, final, localnetwork and tagged are not supported);"
                        + " move it out of that block or use --ssh-config FILE with a copy"
                        + " without it");
              }
              continue;
            }
            apply(kw, words.get(0), args, where, depth);
          }
        }
      }
    }

    private void apply(String kw, String written, List<String> args, String where, int depth)
        throws SshConfigException {
      if (args.isEmpty()) {
        throw new SshConfigException(where + ": " + written + " needs a value");
      }
      switch (kw) {
        case "include" -> include(args, where, depth);
        case "identityfile" -> {
          if (identityFiles.size() < 100) {
            identityFiles.add(new Value(List.of(args.get(0)), where));
          }
        }
        case "certificatefile" -> {
          if (certificateFiles.size() < 100) {
            certificateFiles.add(new Value(List.of(args.get(0)), where));
          }
        }
        case "port" -> {
          parsePort(args.get(0), where);
          first.putIfAbsent(kw, new Value(args, where));
        }
        case "connecttimeout" -> {
          parseSeconds(args.get(0), where);
          first.putIfAbsent(kw, new Value(args, where));
        }
        case "identitiesonly" -> {
          yesNo(args.get(0), where, written);
          first.putIfAbsent(kw, new Value(args, where));
        }
        case "stricthostkeychecking" -> {
          strict(args.get(0), where);
          first.putIfAbsent(kw, new Value(args, where));
        }
        case "canonicalizehostname" -> {
          if (!args.get(0).equalsIgnoreCase("no")) {
            refuse(kw, written, where);
          }
        }
        case "proxycommand" -> {
          if (!args.get(0).equalsIgnoreCase("none") && !first.containsKey("proxyjump")) {
            refuse(kw, written, where);
          }
          first.putIfAbsent(kw, new Value(args, where));
        }
        case "pubkeyauthentication" -> {
          if (args.get(0).equalsIgnoreCase("no") && !first.containsKey(kw)) {
            refuse(kw, written, where);
          }
          first.putIfAbsent(kw, new Value(args, where));
        }
        case "hostbasedauthentication" -> {
          if (!args.get(0).equalsIgnoreCase("no")) {
            warnings.add(where + ": HostbasedAuthentication ignored (only public keys are used)");
          }
        }
        case "globalknownhostsfile" ->
            warnings.add(
                where + ": GlobalKnownHostsFile ignored (only UserKnownHostsFile is read)");
        default -> {
          if (REFUSED.containsKey(kw)) {
            refuse(kw, written, where);
          }
          if (HONOURED.contains(kw)) {
            // ProxyJump none and ProxyCommand none cancel each other (the first one wins).
            if (kw.equals("proxyjump") && first.containsKey("proxycommand")) {
              return;
            }
            first.putIfAbsent(kw, new Value(args, where));
          }
        }
      }
    }

    private void refuse(String kw, String written, String where) throws SshConfigException {
      throw new SshConfigException(
          where
              + ": "
              + written
              + " is not supported ("
              + REFUSED.get(kw)
              + "); auditgap refuses rather than connect another way. Scope it to hosts auditgap"
              + " does not scan, or use --ssh-config none");
    }

    private void include(List<String> args, String where, int depth) throws SshConfigException {
      for (String a : args) {
        String path = a.startsWith("~") ? home + a.substring(1) : a;
        Path p = Path.of(path);
        if (!p.isAbsolute()) {
          // relative to ~/.ssh in user files, to /etc/ssh in the system file
          p = (system ? SYSTEM_FILE.getParent() : home.resolve(".ssh")).resolve(path);
        }
        for (Path f : glob(p, where)) {
          readFile(f, depth + 1);
        }
      }
    }

    boolean hostMatches(List<String> patterns, String where) throws SshConfigException {
      if (patterns.isEmpty()) {
        throw new SshConfigException(where + ": Host needs at least one pattern");
      }
      boolean matched = false;
      for (String p : patterns) {
        boolean negated = p.startsWith("!");
        String pat = negated ? p.substring(1) : p;
        if (Glob.matches(pat.toLowerCase(Locale.ROOT), hostArg, Glob.WILDCARDS)) {
          if (negated) {
            return false;
          }
          matched = true;
        }
      }
      return matched;
    }

    Block match(List<String> args, String where) throws SshConfigException {
      if (args.isEmpty()) {
        throw new SshConfigException(where + ": Match needs criteria");
      }
      boolean result = true;
      boolean undecidable = false;
      for (int i = 0; i < args.size(); i++) {
        String crit = args.get(i).toLowerCase(Locale.ROOT);
        boolean negate = crit.startsWith("!");
        if (negate) {
          crit = crit.substring(1);
        }
        if (crit.equals("all")) {
          continue;
        }
        if (Set.of("canonical", "final").contains(crit)) {
          undecidable = true;
          continue;
        }
        if (i + 1 >= args.size()) {
          throw new SshConfigException(where + ": Match " + crit + " needs an argument");
        }
        String arg = args.get(++i);
        boolean m;
        switch (crit) {
          case "host" -> m = patternList(currentHostname(), arg);
          case "originalhost" -> m = patternList(hostArg, arg);
          case "user" -> m = patternList(currentUser(), arg);
          case "localuser" -> m = patternList(localUser, arg);
          case "exec", "localnetwork", "tagged" -> {
            undecidable = true;
            continue;
          }
          default ->
              throw new SshConfigException(
                  where + ": unknown Match criterion '" + args.get(i - 1) + "'");
        }
        if (m == negate) {
          result = false;
        }
      }
      if (!result) {
        return Block.INACTIVE;
      }
      return undecidable ? Block.UNDECIDABLE : Block.ACTIVE;
    }

    private String currentHostname() {
      Value v = first.get("hostname");
      if (v == null) {
        return hostArg;
      }
      return v.args().get(0).replace("%h", hostArg).toLowerCase(Locale.ROOT);
    }

    private String currentUser() {
      Value v = first.get("user");
      return v == null ? localUser : v.args().get(0);
    }

    SshHostConfig result() throws SshConfigException {
      Map<String, String> sources = new LinkedHashMap<>();
      for (Map.Entry<String, Value> e : first.entrySet()) {
        sources.put(e.getKey(), e.getValue().where());
      }
      String hostname = currentHostname();
      if (first.containsKey("hostname")) {
        hostname =
            percent(first.get("hostname").args().get(0), Map.of("h", hostArg), "HostName")
                .toLowerCase(Locale.ROOT);
      }
      String user = currentUser();
      int port = first.containsKey("port") ? parsePort(arg("port"), sources.get("port")) : 22;
      List<String> ids = new ArrayList<>();
      for (Value v : identityFiles) {
        ids.add(v.args().get(0));
      }
      if (!identityFiles.isEmpty()) {
        sources.put("identityfile", identityFiles.get(0).where());
      }
      List<String> certs = new ArrayList<>();
      for (Value v : certificateFiles) {
        certs.add(v.args().get(0));
      }
      if (!certificateFiles.isEmpty()) {
        sources.put("certificatefile", certificateFiles.get(0).where());
      }
      String jump =
          first.containsKey("proxyjump") ? String.join(",", first.get("proxyjump").args()) : null;
      if (jump != null && jump.equalsIgnoreCase("none")) {
        jump = null;
      }
      List<String> known = new ArrayList<>();
      List<String> rawKnown =
          first.containsKey("userknownhostsfile")
              ? first.get("userknownhostsfile").args()
              : List.of("~/.ssh/known_hosts", "~/.ssh/known_hosts2");
      String agent = null;
      Integer timeout = null;
      if (first.containsKey("connecttimeout")) {
        timeout = parseSeconds(arg("connecttimeout"), sources.get("connecttimeout"));
        if (timeout <= 0) {
          timeout = null;
        }
      }
      SshHostConfig partial =
          new SshHostConfig(
              hostArg,
              hostname,
              user,
              port,
              ids,
              first.containsKey("identitiesonly") && yesNo(arg("identitiesonly"), "", ""),
              null,
              certs,
              jump,
              List.of(),
              first.containsKey("stricthostkeychecking")
                  ? strict(arg("stricthostkeychecking"), "")
                  : "ask",
              first.containsKey("hostkeyalias") ? arg("hostkeyalias") : null,
              timeout,
              sources,
              warnings);
      for (String k : rawKnown) {
        if (!k.equalsIgnoreCase("none")) {
          known.add(expand(k, partial, "UserKnownHostsFile"));
        }
      }
      if (first.containsKey("identityagent")) {
        String a = arg("identityagent");
        agent =
            a.equalsIgnoreCase("none") || a.equals("SSH_AUTH_SOCK") || a.startsWith("$")
                ? a
                : expand(a, partial, "IdentityAgent");
      }
      return new SshHostConfig(
          hostArg,
          hostname,
          user,
          port,
          ids,
          partial.identitiesOnly(),
          agent,
          certs,
          jump,
          known,
          partial.strictHostKeyChecking(),
          partial.hostKeyAlias(),
          timeout,
          sources,
          warnings);
    }

    private String arg(String kw) {
      return first.get(kw).args().get(0);
    }
  }

  private enum Block {
    ACTIVE,
    INACTIVE,
    /** A Match criterion auditgap does not evaluate (exec, canonical, final, ...). */
    UNDECIDABLE
  }

  // ------------------------------------------------------------------ values

  private String expandFile(
      String raw, String hostname, int port, String user, String original, String what)
      throws SshConfigException {
    String s = raw;
    if (s.startsWith("~/") || s.equals("~")) {
      s = home + s.substring(1);
    }
    s = envVars(s, what);
    Map<String, String> tokens = new LinkedHashMap<>();
    tokens.put("h", hostname);
    tokens.put("p", String.valueOf(port));
    tokens.put("r", user);
    tokens.put("u", localUser);
    tokens.put("d", home.toString());
    tokens.put("n", original);
    tokens.put("l", localHost);
    tokens.put(
        "L", localHost.contains(".") ? localHost.substring(0, localHost.indexOf('.')) : localHost);
    tokens.put("i", uid);
    return percent(s, tokens, what);
  }

  private String envVars(String s, String what) throws SshConfigException {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int start = s.indexOf("${", i);
      if (start < 0) {
        out.append(s, i, s.length());
        break;
      }
      int end = s.indexOf('}', start);
      if (end < 0) {
        throw new SshConfigException(what + " '" + s + "': unterminated ${");
      }
      out.append(s, i, start);
      String name = s.substring(start + 2, end);
      String value = env.apply(name);
      if (value == null) {
        throw new SshConfigException(
            what + " '" + s + "': environment variable " + name + " is not set");
      }
      out.append(value);
      i = end + 1;
    }
    return out.toString();
  }

  private static String percent(String s, Map<String, String> tokens, String what)
      throws SshConfigException {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        out.append(c);
        continue;
      }
      if (i + 1 >= s.length()) {
        throw new SshConfigException(what + " '" + s + "': % at the end");
      }
      char t = s.charAt(++i);
      if (t == '%') {
        out.append('%');
      } else if (tokens.containsKey(String.valueOf(t))) {
        out.append(tokens.get(String.valueOf(t)));
      } else {
        throw new SshConfigException(
            what
                + " '"
                + s
                + "': token %"
                + t
                + " is not supported here (supported: %"
                + String.join(" %", tokens.keySet())
                + " %%)");
      }
    }
    return out.toString();
  }

  private static int parsePort(String s, String where) throws SshConfigException {
    try {
      int p = Integer.parseInt(s);
      if (p >= 1 && p <= 65535) {
        return p;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw new SshConfigException(where + ": Port must be 1-65535 (got '" + s + "')");
  }

  /** OpenSSH time format: 90, 90s, 2m, 1h30m. */
  private static int parseSeconds(String s, String where) throws SshConfigException {
    java.util.regex.Matcher m = Pattern.compile("(\\d+)([sSmMhHdDwW]?)").matcher(s);
    int total = 0;
    int at = 0;
    while (at < s.length() && m.find(at) && m.start() == at) {
      long n = Long.parseLong(m.group(1));
      long mult =
          switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "m" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            case "w" -> 604800;
            default -> 1;
          };
      total += (int) Math.min(Integer.MAX_VALUE, n * mult);
      at = m.end();
    }
    if (at != s.length() || s.isEmpty()) {
      throw new SshConfigException(
          where + ": ConnectTimeout must be a time like 10 or 1m (got '" + s + "')");
    }
    return total;
  }

  private static boolean yesNo(String s, String where, String kw) throws SshConfigException {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> {
        return true;
      }
      case "no", "false" -> {
        return false;
      }
      default ->
          throw new SshConfigException(where + ": " + kw + " must be yes or no (got '" + s + "')");
    }
  }

  private static String strict(String s, String where) throws SshConfigException {
    switch (s.toLowerCase(Locale.ROOT)) {
      case "yes", "true" -> {
        return "yes";
      }
      case "no", "false", "off" -> {
        return "no";
      }
      case "accept-new" -> {
        return "accept-new";
      }
      case "ask" -> {
        return "ask";
      }
      default ->
          throw new SshConfigException(
              where
                  + ": StrictHostKeyChecking must be yes, no, accept-new or ask (got '"
                  + s
                  + "')");
    }
  }

  /** OpenSSH's match_pattern_list: comma-separated, a matching !pattern vetoes. */
  static boolean patternList(String value, String list) {
    boolean matched = false;
    for (String p : list.split(",")) {
      boolean neg = p.startsWith("!");
      String pat = neg ? p.substring(1) : p;
      if (Glob.matches(pat, value, Set.of(Glob.Flag.IGNORE_CASE))) {
        if (neg) {
          return false;
        }
        matched = true;
      }
    }
    return matched;
  }

  private static List<Path> glob(Path pattern, String where) throws SshConfigException {
    Path dir = pattern.getParent();
    String name = pattern.getFileName().toString();
    if (!name.contains("*") && !name.contains("?") && !name.contains("[")) {
      return Files.exists(pattern) ? List.of(pattern) : List.of();
    }
    if (dir == null || !Files.isDirectory(dir)) {
      return List.of();
    }
    Set<Path> out = new TreeSet<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, name)) {
      for (Path p : ds) {
        if (Files.isRegularFile(p)) {
          out.add(p);
        }
      }
    } catch (IOException e) {
      throw new SshConfigException(where + ": Include " + pattern + ": " + e.getMessage());
    }
    return new ArrayList<>(out);
  }

  /**
   * Splits a line into words: {@code keyword [=] args}, double quotes group, # starts a comment.
   */
  static List<String> split(String line, String where) throws SshConfigException {
    String s = line.strip();
    if (s.isEmpty() || s.startsWith("#")) {
      return List.of();
    }
    List<String> words = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    boolean equalsSeen = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quoted) {
        if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
        continue;
      }
      if (c == '"') {
        quoted = true;
        inWord = true;
      } else if (c == '#' && !inWord) {
        break;
      } else if (c == '=' && !equalsSeen && words.size() <= 1 && (words.isEmpty() || !inWord)) {
        // "Keyword=value" and "Keyword = value" (one '=' right after the keyword)
        equalsSeen = true;
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else if (Character.isWhitespace(c)) {
        if (inWord) {
          words.add(cur.toString());
          cur.setLength(0);
          inWord = false;
        }
      } else {
        cur.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new SshConfigException(where + ": unbalanced quote");
    }
    if (inWord) {
      words.add(cur.toString());
    }
    return words;
  }
}
