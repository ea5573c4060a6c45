package io.auditgap.inventory.ansible;

import io.auditgap.inventory.InventoryException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The jump host in {@code ansible_ssh_common_args}: {@code -J host}, {@code -o ProxyJump=host}, or
 * the classic {@code -o ProxyCommand="ssh -W %h:%p [-q] [user@]bastion [-p port]"}. Any other
 * ProxyCommand is refused: auditgap does not run commands from inventories.
 */
final class SshArgs {
  private static final Pattern WPROXY =
      Pattern.compile(
          "ssh\\s+(?:-q\\s+)?-W\\s+\\S+\\s+(?:-q\\s+)?(?:-p\\s*([0-9]+)\\s+)?([^\\s-][^\\s]*)(?:\\s+-p\\s*([0-9]+))?(?:\\s+-q)?\\s*");

  private SshArgs() {}

  static String jump(String args, String where) throws InventoryException {
    List<String> t = AnsibleIniParser.shlex(args, where);
    for (int i = 0; i < t.size(); i++) {
      String a = t.get(i);
      if (a.equals("-J") && i + 1 < t.size()) {
        return t.get(i + 1);
      }
      if (a.startsWith("-J") && a.length() > 2) {
        return a.substring(2);
      }
      String opt = null;
      if (a.equals("-o") && i + 1 < t.size()) {
        opt = t.get(++i);
      } else if (a.startsWith("-o") && a.length() > 2) {
        opt = a.substring(2);
      }
      if (opt == null) {
        continue;
      }
      int eq = opt.indexOf('=');
      int sp = opt.indexOf(' ');
      int cut = eq < 0 ? sp : (sp < 0 ? eq : Math.min(eq, sp));
      if (cut < 0) {
        continue;
      }
      String key = opt.substring(0, cut).strip().toLowerCase(java.util.Locale.ROOT);
      String value = opt.substring(cut + 1).strip();
      if (key.equals("proxyjump")) {
        return value.equalsIgnoreCase("none") ? null : value;
      }
      if (key.equals("proxycommand")) {
        Matcher m = WPROXY.matcher(value);
        if (m.matches()) {
          String port = m.group(1) != null ? m.group(1) : m.group(3);
          return m.group(2) + (port == null ? "" : ":" + port);
        }
        if (!value.equalsIgnoreCase("none")) {
          throw new InventoryException(
              null,
              where
                  + ": ProxyCommand '"
                  + value
                  + "' is not supported (auditgap does not run commands from inventories);"
                  + " use -o ProxyJump=bastion or -J bastion");
        }
      }
    }
    return null;
  }
}
