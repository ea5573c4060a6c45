package io.auditgap.inventory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading an inventory file from disk: size cap, encoding, and a clear error for each failure. */
final class InventoryFile {
  private InventoryFile() {}

  /**
   * The text of an inventory file: at most {@link InventoryLoader#InventoryLoader.MAX_BYTES},
   * strict UTF-8.
   *
   * @throws InventoryException with a one-line {@code file: cannot read: why} message
   */
  static String read(Path file) throws InventoryException {
    String label = file.toString();
    byte[] bytes;
    if (Files.isDirectory(file)) {
      throw new InventoryException(null, label + ": cannot read: Is a directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(InventoryLoader.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      throw new InventoryException(null, label + ": cannot read: No such file or directory");
    } catch (AccessDeniedException e) {
      throw new InventoryException(null, label + ": cannot read: Permission denied");
    } catch (IOException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      throw new InventoryException(null, label + ": cannot read: " + SafeYaml.oneLine(reason));
    }
    if (bytes.length > InventoryLoader.MAX_BYTES) {
      throw new InventoryException(
          new Location(label, 1, 1),
          "the inventory is larger than 4 MiB; split it into several files");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new InventoryException(
          null, label + ": cannot read: not UTF-8 text; save the inventory as UTF-8");
    }
    return text;
  }
}
