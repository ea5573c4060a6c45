package io.auditgap.facts.audit;

/**
 * Where a statement was written: a rules file (or the command whose output listed it), the 1-based
 * line and the text as written (untrusted).
 */
public record RuleSource(String file, int line, String text) {
  public RuleSource {
    file = file == null ? "" : file;
    text = text == null ? "" : text;
  }

  public String location() {
    return line > 0 ? file + ":" + line : file;
  }
}
