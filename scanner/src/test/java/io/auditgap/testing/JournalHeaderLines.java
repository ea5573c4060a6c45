package io.auditgap.testing;

/**
 * A journal file's header as the collector's "journal header" item prints it: the first 24 64-bit
 * words of the file, one od line (JournalHeaderTest has the item on real journal files).
 */
public final class JournalHeaderLines {
  private JournalHeaderLines() {}

  /**
   * The signature, the entry count (word 19) and the first entry's realtime (word 23), zeros
   * elsewhere; on a big-endian host od prints each word byte-swapped.
   */
  public static String header(long entries, long headMicros, boolean bigEndian) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      long w =
          switch (i) {
            case 0 -> 0x48524848534b504cL;
            case 19 -> entries;
            case 23 -> headMicros;
            default -> 0;
          };
      sb.append(' ').append(String.format("%016x", bigEndian ? Long.reverseBytes(w) : w));
    }
    return sb.append('\n').toString();
  }
}
