package io.auditgap.collect;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the collector's framed output. A pure function of bytes: it trusts nothing the host sent,
 * enforces the caps itself, keeps every complete frame of a cut-short bundle, and never throws.
 */
public final class BundleReader {
  private static final int MAX_HEADER = 4096;
  private static final Pattern RET = Pattern.compile("(-?[0-9]{1,9})");

  private BundleReader() {}

  public static Bundle read(byte[] data, String nonce, CollectorLimits limits) {
    byte[] marker = ("@@" + nonce + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] trailer = ("\n@@" + nonce + " ret ").getBytes(StandardCharsets.US_ASCII);
    List<SnapshotItem> items = new ArrayList<>();
    int pos = indexOf(data, marker, 0);
    if (pos < 0) {
      return new Bundle(
          items, false, "no collector output (the remote shell printed no bundle)", 0);
    }
    long total = 0;
    while (true) {
      if (!startsWith(data, pos, marker)) {
        String after = items.isEmpty() ? "the start" : items.get(items.size() - 1).key();
        return new Bundle(
            items,
            false,
            "bundle framing broken after "
                + items.size()
                + " items (after "
                + after
                + ", unexpected bytes: "
                + excerpt(data, pos)
                + ")",
            pos);
      }
      int eol = indexOf(data, new byte[] {'\n'}, pos);
      if (eol < 0 || eol - pos > MAX_HEADER) {
        return new Bundle(items, false, "bundle ended inside a frame header", data.length);
      }
      String header =
          new String(data, pos + marker.length, eol - pos - marker.length, StandardCharsets.UTF_8);
      String[] f = header.split(" ", 5);
      switch (f[0]) {
        case "begin" -> {
          pos = eol + 1;
          continue;
        }
        case "end" -> {
          return new Bundle(items, true, null, eol + 1L);
        }
        case "run" -> {
          if (f.length < 2 || header.length() <= 4) {
            return new Bundle(items, false, "malformed frame header", pos);
          }
          String name = header.substring(4);
          int at = indexOf(data, trailer, eol + 1);
          if (at < 0) {
            return new Bundle(items, false, "bundle cut short inside " + name, data.length);
          }
          int tEnd = indexOf(data, new byte[] {'\n'}, at + 1);
          Matcher ret =
              tEnd < 0 || tEnd - at > MAX_HEADER
                  ? null
                  : RET.matcher(
                      new String(
                          data,
                          at + trailer.length,
                          tEnd - at - trailer.length,
                          StandardCharsets.US_ASCII));
          if (ret == null || !ret.matches()) {
            return new Bundle(items, false, "bundle framing broken inside " + name, at + 1);
          }
          long size = at - (eol + 1L);
          boolean truncated = size > limits.itemCap();
          long kept = Math.min(size, limits.itemCap());
          int status = Integer.parseInt(ret.group(1));
          String text = decode(data, eol + 1, (int) kept);
          if (total + kept > limits.totalCap()) {
            status = SnapshotItem.SKIPPED;
            text = "";
            kept = 0;
            truncated = false;
          }
          total += kept;
          items.add(new SnapshotItem("cmd", name, status, text, kept, truncated));
          pos = tEnd + 1;
          continue;
        }
        case "file", "dir", "cmd" -> {}
        default -> {
          return new Bundle(items, false, "unknown frame kind in bundle", pos);
        }
      }
      if (f.length < 5 || f[4].isEmpty()) {
        return new Bundle(items, false, "malformed frame header", pos);
      }
      int status;
      long size;
      try {
        status = Integer.parseInt(f[1]);
        size = Long.parseLong(f[2]);
      } catch (NumberFormatException e) {
        return new Bundle(items, false, "malformed frame header", pos);
      }
      boolean truncated = f[3].equals("1");
      String name = f[4];
      if (size < 0 || size > limits.itemCap()) {
        return new Bundle(items, false, "item larger than the per-item cap: " + name, pos);
      }
      long end = eol + 1L + size;
      if (end + 1 > data.length) {
        return new Bundle(items, false, "bundle cut short inside " + name, data.length);
      }
      if (data[(int) end] != '\n') {
        return new Bundle(items, false, "frame size mismatch in " + name, pos);
      }
      if (total + size > limits.totalCap()) {
        // The host counts only the items it frames with a size; streamed ones count here, so a
        // faithful bundle may pass the cap: what passes it is skipped, as the host skips it.
        items.add(new SnapshotItem(f[0], name, SnapshotItem.SKIPPED, "", 0, false));
      } else {
        total += size;
        items.add(
            new SnapshotItem(
                f[0], name, status, decode(data, eol + 1, (int) size), size, truncated));
      }
      pos = (int) end + 1;
    }
  }

  /** Up to 32 bytes at {@code pos}: printable ASCII kept, the rest as \\xNN, for diagnostics. */
  static String excerpt(byte[] data, int pos) {
    StringBuilder sb = new StringBuilder("\"");
    for (int i = pos; i < Math.min(data.length, pos + 32); i++) {
      int b = data[i] & 0xff;
      if (b >= 0x20 && b < 0x7f && b != '\\' && b != '"') {
        sb.append((char) b);
      } else {
        sb.append(String.format("\\x%02x", b));
      }
    }
    return sb.append('"').toString();
  }

  private static String decode(byte[] data, int off, int len) {
    CharsetDecoder dec =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      return dec.decode(ByteBuffer.wrap(data, off, len)).toString();
    } catch (CharacterCodingException e) {
      return new String(data, off, len, StandardCharsets.UTF_8);
    }
  }

  private static boolean startsWith(byte[] data, int pos, byte[] prefix) {
    if (pos + prefix.length > data.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (data[pos + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] data, byte[] needle, int from) {
    outer:
    for (int i = Math.max(0, from); i <= data.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
