package io.auditgap.report;

import io.auditgap.text.TerminalText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;

/**
 * A branding logo, embedded in reports as a {@code data:} URI. Only PNG and JPEG are accepted
 * (recognised by their signature, not by the file name): an SVG could carry script or fetch
 * resources. At most {@value #MAX_BYTES} bytes.
 */
public final class Logo {
  public static final int MAX_BYTES = 512 * 1024;

  private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  private static final byte[] JPEG = {(byte) 0xff, (byte) 0xd8, (byte) 0xff};

  private final String mediaType;
  private final byte[] bytes;

  private Logo(String mediaType, byte[] bytes) {
    this.mediaType = mediaType;
    this.bytes = bytes;
  }

  /**
   * @throws IllegalArgumentException when the bytes are not a PNG or JPEG, or too large
   */
  public static Logo of(byte[] bytes) {
    if (bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException(
          "logo is " + bytes.length + " bytes; at most " + MAX_BYTES + " are accepted");
    }
    if (startsWith(bytes, PNG)) {
      return new Logo("image/png", bytes.clone());
    }
    if (startsWith(bytes, JPEG)) {
      return new Logo("image/jpeg", bytes.clone());
    }
    throw new IllegalArgumentException("logo must be a PNG or JPEG image (SVG is not accepted)");
  }

  /**
   * Reads a logo file, reading no more than {@link #MAX_BYTES} + 1 bytes.
   *
   * @throws IllegalArgumentException when the file is not a PNG or JPEG, or too large
   * @throws IOException when it cannot be read
   */
  public static Logo read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(MAX_BYTES + 1);
      try {
        return of(b);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            TerminalText.line(file.toString(), 500) + ": " + e.getMessage(), e);
      }
    }
  }

  public String mediaType() {
    return mediaType;
  }

  public byte[] bytes() {
    return bytes.clone();
  }

  /** {@code data:image/png;base64,...}: only base64 characters after the fixed prefix. */
  public String dataUri() {
    return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
  }

  private static boolean startsWith(byte[] b, byte[] prefix) {
    return b.length >= prefix.length
        && Arrays.equals(b, 0, prefix.length, prefix, 0, prefix.length);
  }
}
