package io.auditgap.fuzz;

import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Structure-aware mutations of real configuration files: a few edits per input, drawn from what
 * breaks parsers (quotes, braces, backslashes, include directives, NUL, control characters, huge
 * numbers, very long lines, lines spliced from other files, cut-off files). Deterministic for
 * jqwik's seed, so a failure is reproducible from the seed jqwik prints.
 */
final class Mutator {
  private static final List<String> TOKENS =
      List.of(
          "\"",
          "'",
          "\\",
          "{",
          "}",
          "(",
          ")",
          "[",
          "]",
          "#",
          ";",
          "=",
          ",",
          "*",
          "?",
          "$",
          "${",
          "`",
          "%",
          "@",
          "\u0000",
          "\u001b[2J",
          "\u001b]0;x\u0007",
          "\r",
          "\t",
          "\n",
          " ",
          "\uFEFF",
          "\u202E",
          "\uD800",
          "é",
          "-1",
          "0",
          "99999999999999999999",
          "2147483648",
          "-2147483649",
          "include ",
          "@include ",
          "$IncludeConfig ",
          "include(file=\"",
          "Include ",
          "Match ",
          "Match all\n",
          "@include common-session\n",
          "session include sshd\n",
          "-a always,exit -F arch=b64 -S execve",
          "-F ",
          "-k ",
          "-e 2",
          "Defaults ",
          "#include ",
          "@includedir ",
          "}\n",
          "{\n",
          "/etc/",
          "../",
          "/..",
          "<script>",
          "<#",
          "&&",
          "|");

  private Mutator() {}

  /** Mutants of the seeds; about one input in ten is a seed unchanged. */
  static Arbitrary<String> of(List<String> seeds) {
    return Arbitraries.randomValue(r -> mutate(seeds, r));
  }

  static String mutate(List<String> seeds, Random r) {
    String s = seeds.get(r.nextInt(seeds.size()));
    if (r.nextInt(10) == 0) {
      return s;
    }
    StringBuilder b = new StringBuilder(s);
    int edits = 1 + r.nextInt(8);
    for (int i = 0; i < edits; i++) {
      edit(b, seeds, r);
    }
    return b.toString();
  }

  private static void edit(StringBuilder b, List<String> seeds, Random r) {
    int at = b.length() == 0 ? 0 : r.nextInt(b.length() + 1);
    switch (r.nextInt(10)) {
      case 0, 1, 2 -> b.insert(at, TOKENS.get(r.nextInt(TOKENS.size())));
      case 3 -> {
        if (b.length() > 0) {
          int end = Math.min(b.length(), at + 1 + r.nextInt(64));
          b.delete(Math.min(at, b.length() - 1), end);
        }
      }
      case 4 -> {
        if (at < b.length()) {
          b.setCharAt(at, (char) r.nextInt(0x80));
        }
      }
      case 5 -> b.insert(at, randomLine(seeds, r));
      case 6 -> {
        // duplicate a line: the same directive twice, the same include twice
        String line = randomLine(List.of(b.toString()), r);
        b.insert(at, line);
      }
      case 7 -> b.setLength(at); // the file cut off
      case 8 -> b.insert(at, "x".repeat(1 + r.nextInt(r.nextBoolean() ? 100 : 70_000)));
      default -> {
        char[] junk = new char[1 + r.nextInt(16)];
        for (int i = 0; i < junk.length; i++) {
          junk[i] = (char) r.nextInt(r.nextBoolean() ? 0x80 : 0x10000);
        }
        b.insert(at, junk);
      }
    }
  }

  private static String randomLine(List<String> texts, Random r) {
    String t = texts.get(r.nextInt(texts.size()));
    if (t.isEmpty()) {
      return "\n";
    }
    String[] lines = t.split("\n", -1);
    return lines[r.nextInt(lines.length)] + "\n";
  }
}
