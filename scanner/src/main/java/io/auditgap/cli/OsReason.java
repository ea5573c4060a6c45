package io.auditgap.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * The operating system's reason for a failed file operation, in words a user reads: Java's own
 * messages for these exceptions are only the path ({@code AccessDeniedException: /x}).
 */
final class OsReason {
  private OsReason() {}

  static String of(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied" + where(e);
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory" + where(e);
    }
    if (e instanceof NoSuchFileException) {
      return "no such file or directory" + where(e);
    }
    if (e instanceof FileAlreadyExistsException) {
      return "already exists and is not a directory" + where(e);
    }
    if (e instanceof FileSystemException fs && fs.getReason() != null) {
      return sentence(fs.getReason()) + where(e);
    }
    // A write that fails (ENOSPC, EIO, EDQUOT) is a plain IOException carrying strerror's text.
    String m = e.getMessage();
    return m == null ? e.getClass().getSimpleName() : sentence(m.lines().findFirst().orElse(m));
  }

  /** "No space left on device" reads as "no space left on device" after a colon. */
  private static String sentence(String r) {
    if (r.length() > 1
        && Character.isUpperCase(r.charAt(0))
        && Character.isLowerCase(r.charAt(1))) {
      return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }
    return r;
  }

  private static String where(IOException e) {
    return e instanceof FileSystemException fs && fs.getFile() != null
        ? " (" + fs.getFile() + ")"
        : "";
  }
}
