package io.auditgap.checks.matchers.exposure;

import io.auditgap.checks.Evidence;
import io.auditgap.collect.CollectionItem;
import io.auditgap.facts.Facts;
import io.auditgap.facts.Observed;
import io.auditgap.facts.sshd.ConfigEntry;
import io.auditgap.facts.sshd.Connection;
import io.auditgap.facts.sshd.ConnectionProbe;
import io.auditgap.facts.sshd.MatchEvaluator;
import io.auditgap.facts.sshd.MatchResult;
import io.auditgap.facts.sshd.ResolvedSetting;
import io.auditgap.facts.sshd.SettingResolver;
import io.auditgap.facts.sshd.SshdConfig;
import io.auditgap.facts.sshd.SshdDirective;
import io.auditgap.facts.sshd.SshdDump;
import io.auditgap.facts.sshd.SshdFacts;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host's half of {@code exposure.password-auth}: whether the host's own sshd offers password or
 * keyboard-interactive login to a source on the internet. The probe only sees what its vantage is
 * offered; a {@code Match Address} block can offer passwords to internal sources and refuse them to
 * everyone else, and only sshd's own evaluation for a public source ({@code sshd -T -C user=<login
 * user>,host=unknown,addr=203.0.113.1}) proves that. The sshd_config lines that decide are cited
 * from the parsed files.
 *
 * @param offer what a public source is offered
 * @param reason one sentence for the finding: what sshd printed and which lines decide
 * @param evidence sshd's output lines and the deciding configuration lines
 */
public record PublicSourceAuth(Offer offer, String reason, List<Evidence> evidence) {

  public enum Offer {
    /** sshd offers a public source password or keyboard-interactive login. */
    OFFERED,
    /** sshd itself says a public source is offered neither. */
    NOT_OFFERED,
    /**
     * sshd could not be asked (no root, not collected), but the files say a public source is not
     * offered: plausible, not proven.
     */
    NOT_OFFERED_BY_FILES,
    /** Nothing tells: neither sshd's answer nor readable files. */
    UNKNOWN
  }

  private static final String PASSWORD = "passwordauthentication";
  private static final String KBD = "kbdinteractiveauthentication";
  // An alias of KbdInteractiveAuthentication since OpenSSH 8.7; before that it switched
  // keyboard-interactive on by itself (sshd.c), so either being yes offers it.
  private static final String CHALLENGE = "challengeresponseauthentication";
  private static final String METHODS = "authenticationmethods";

  public PublicSourceAuth {
    evidence = List.copyOf(evidence);
  }

  /** What the collector must gather for {@link #of}. */
  public static Set<CollectionItem> needs() {
    Set<CollectionItem> n = new LinkedHashSet<>(SshdFacts.PROBES.needs());
    n.addAll(SshdFacts.CONFIG.needs());
    return n;
  }

  /**
   * @param user the login user of the inventory (what the probe asked sshd about)
   */
  public static PublicSourceAuth of(Facts facts, String user) {
    Connection c = Connection.genericRemote(user == null ? "root" : user);
    String command = "sshd -T -C " + c.spec();
    Observed<SshdConfig> files = facts.get(SshdFacts.CONFIG);
    SshdConfig config = files.isSeen() ? aliased(files.value()) : null;
    Observed<List<ConnectionProbe>> probes = facts.get(SshdFacts.PROBES);
    String notAsked;
    if (!probes.isSeen()) {
      notAsked = command + " was not collected: " + probes.reason();
    } else {
      ConnectionProbe p =
          probes.value().stream().filter(x -> x.user().equals(c.user())).findFirst().orElse(null);
      if (p == null) {
        notAsked = "the collector did not run " + command;
      } else if (!p.dump().complete()) {
        notAsked =
            command
                + " failed (exit "
                + p.dump().exitStatus()
                + (p.dump().firstMessage().isEmpty() ? "" : ": " + p.dump().firstMessage())
                + "; sshd needs root to load its host keys)";
      } else if (p.dump().first(PASSWORD).isEmpty()) {
        notAsked = command + " printed no passwordauthentication (a collector of another version)";
      } else {
        return fromSshd(command, p.dump(), config, c);
      }
    }
    return fromFiles(notAsked, config, files, c);
  }

  private static PublicSourceAuth fromSshd(
      String command, SshdDump dump, SshdConfig config, Connection c) {
    List<Evidence> ev = new ArrayList<>();
    List<String> printed = new ArrayList<>();
    for (String k : List.of(PASSWORD, KBD, CHALLENGE, METHODS)) {
      Optional<String> v = dump.first(k);
      if (v.isPresent()) {
        printed.add(k + " " + v.get());
        ev.add(
            // line 0: the collector keeps only these lines of sshd's output
            Evidence.of(command, 0, k + " " + v.get(), "what sshd applies to a public source"));
      }
    }
    List<String> styles =
        offered(
            dump.first(PASSWORD).orElse("yes"),
            yes(dump.first(KBD).orElse("yes")) || yes(dump.first(CHALLENGE).orElse("no"))
                ? "yes"
                : "no",
            dump.first(METHODS).orElse("any"));
    String deciders = "";
    if (config != null && explains(config, c, dump)) {
      deciders = deciders(config, c, ev);
    } else if (config != null) {
      deciders = "; the configuration files as read do not explain this (cited: sshd's own answer)";
    }
    String head = command + " prints " + String.join(", ", printed);
    if (styles.isEmpty()) {
      return new PublicSourceAuth(
          Offer.NOT_OFFERED,
          head
              + ": a public source is offered neither password nor keyboard-interactive"
              + deciders,
          ev);
    }
    return new PublicSourceAuth(
        Offer.OFFERED,
        head + ": a public source is offered " + String.join(" and ", styles) + deciders,
        ev);
  }

  private static PublicSourceAuth fromFiles(
      String notAsked, SshdConfig config, Observed<SshdConfig> files, Connection c) {
    if (config == null) {
      return new PublicSourceAuth(
          Offer.UNKNOWN,
          notAsked + "; sshd_config could not be read: " + files.reason(),
          List.of());
    }
    List<String> unresolved = new ArrayList<>();
    List<String> uncertain = new ArrayList<>();
    String[] values = new String[3];
    String[] keys = {PASSWORD, KBD, METHODS};
    for (int i = 0; i < keys.length; i++) {
      ResolvedSetting r = SettingResolver.forConnection(config, keys[i], c);
      if (r.unresolved() != null) {
        unresolved.add(r.unresolved());
      }
      r.mayApply()
          .forEach(
              d ->
                  uncertain.add(
                      d.match().source().text()
                          + " at "
                          + d.match().source().location()
                          + " may apply"));
      values[i] = r.value().orElse("");
    }
    if (!unresolved.isEmpty()) {
      return new PublicSourceAuth(
          Offer.UNKNOWN, notAsked + "; " + String.join("; ", unresolved), List.of());
    }
    List<Evidence> ev = new ArrayList<>();
    String deciders = deciders(config, c, ev);
    List<String> styles = offered(values[0], values[1], values[2]);
    String files0 = notAsked + "; the configuration files say ";
    if (!styles.isEmpty() && uncertain.isEmpty()) {
      return new PublicSourceAuth(
          Offer.OFFERED,
          files0 + "a public source is offered " + String.join(" and ", styles) + deciders,
          ev);
    }
    if (!uncertain.isEmpty()) {
      return new PublicSourceAuth(
          Offer.UNKNOWN,
          files0 + "it depends on what the scanner cannot decide: " + String.join("; ", uncertain),
          ev);
    }
    return new PublicSourceAuth(
        Offer.NOT_OFFERED_BY_FILES,
        files0 + "a public source is offered neither password nor keyboard-interactive" + deciders,
        ev);
  }

  /** True when the files, resolved as sshd would, give the values sshd printed. */
  private static boolean explains(SshdConfig config, Connection c, SshdDump dump) {
    for (String k : List.of(PASSWORD, KBD)) {
      Optional<String> printed = dump.first(k);
      Optional<String> resolved = SettingResolver.forConnection(config, k, c).value();
      if (printed.isPresent()
          && (resolved.isEmpty() || !resolved.get().equalsIgnoreCase(printed.get()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The lines that decide for {@code c}: the winning directive of each keyword, and the Match
   * blocks that set it otherwise for the sources they match (the internal exception). Adds them to
   * {@code ev}; returns the sentence for the reason (empty when the files set nothing).
   */
  private static String deciders(SshdConfig config, Connection c, List<Evidence> ev) {
    List<String> parts = new ArrayList<>();
    for (String k : List.of(PASSWORD, KBD)) {
      ResolvedSetting r = SettingResolver.forConnection(config, k, c);
      String value = r.value().orElse("");
      SshdDirective w = r.winner();
      if (w != null) {
        String where =
            w.match() == null
                ? w.source().location()
                : w.match().source().text() + " at " + w.match().source().location();
        parts.add(w.source().text() + " (" + where + ") decides for a public source");
        ev.add(
            Evidence.of(
                w.source().file(),
                w.source().line(),
                w.source().text(),
                "decides " + k + " for a public source"));
      } else if (r.unresolved() == null && !value.isEmpty()) {
        parts.add(k + " " + value + " is sshd's compiled-in default (no line sets it)");
      }
      for (SshdDirective d : config.all(k)) {
        if (d.match() == null
            || d.match().isAll()
            || d.value().equalsIgnoreCase(value)
            || MatchEvaluator.evaluate(d.match(), c) != MatchResult.NO) {
          continue;
        }
        parts.add(
            d.match().source().text()
                + " at "
                + d.match().source().location()
                + " sets "
                + d.source().text()
                + " only for the sources it matches");
        ev.add(
            Evidence.of(
                d.source().file(),
                d.source().line(),
                d.source().text(),
                "applies only to "
                    + d.match().source().text()
                    + " ("
                    + d.match().source().location()
                    + "), not to a public source"));
      }
    }
    return parts.isEmpty() ? "" : "; " + String.join("; ", new LinkedHashSet<>(parts));
  }

  /**
   * The password-style methods a source that has not authenticated yet is offered: a method counts
   * when it is enabled and, with AuthenticationMethods, first in one of its lists (a method that
   * only follows a public key is not offered to a guesser).
   */
  static List<String> offered(String password, String kbd, String methods) {
    List<String> firsts = new ArrayList<>();
    boolean any = methods.isBlank() || methods.strip().equalsIgnoreCase("any");
    if (!any) {
      for (String list : methods.strip().split("\\s+")) {
        String first = list.split(",", 2)[0];
        int colon = first.indexOf(':');
        firsts.add((colon < 0 ? first : first.substring(0, colon)).toLowerCase(Locale.ROOT));
      }
    }
    List<String> out = new ArrayList<>();
    if (yes(password) && (any || firsts.contains("password"))) {
      out.add("password");
    }
    if (yes(kbd) && (any || firsts.contains("keyboard-interactive"))) {
      out.add("keyboard-interactive");
    }
    return out;
  }

  private static boolean yes(String v) {
    return v != null && v.strip().equalsIgnoreCase("yes");
  }

  /** The configuration with ChallengeResponseAuthentication read as its 8.7+ alias. */
  private static SshdConfig aliased(SshdConfig config) {
    List<ConfigEntry> entries = new ArrayList<>();
    for (ConfigEntry e : config.entries()) {
      entries.add(
          e instanceof SshdDirective d && d.keyword().equals(CHALLENGE)
              ? new SshdDirective(KBD, d.args(), d.source(), d.match())
              : e);
    }
    return new SshdConfig(config.main(), entries, config.problems(), config.files());
  }
}
