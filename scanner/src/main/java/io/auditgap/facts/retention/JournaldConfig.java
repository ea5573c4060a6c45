package io.auditgap.facts.retention;

import io.auditgap.facts.SourceLine;
import java.util.List;
import java.util.Map;

/**
 * journald's effective [Journal] options after the main file and the drop-ins.
 *
 * @param settings only keys some file sets; {@link #get} supplies defaults
 * @param filesRead in the order applied
 * @param masked drop-in names disabled by a symlink without readable content (to /dev/null)
 */
public record JournaldConfig(
    Map<String, JournaldSetting> settings, List<String> filesRead, List<String> masked) {
  public JournaldConfig {
    settings = Map.copyOf(settings);
    filesRead = List.copyOf(filesRead);
    masked = List.copyOf(masked);
  }

  /** The effective setting, or the documented default (journald.conf(5), systemd 252). */
  public JournaldSetting get(String key) {
    JournaldSetting s = settings.get(key);
    if (s != null) {
      return s;
    }
    String def =
        switch (key) {
          case "Storage" -> "auto";
          case "MaxFileSec" -> "1month";
          default -> "";
        };
    return new JournaldSetting(key, def, SourceLine.builtIn(key + "=" + def), List.of());
  }
}
