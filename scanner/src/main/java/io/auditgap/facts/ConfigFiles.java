package io.auditgap.facts;

import java.util.List;
import java.util.Optional;

/** Read access to the host's files as collected: the parser never touches the local disk. */
public interface ConfigFiles {

  /** A file's text; empty when the file does not exist; unseen when it could not be read. */
  Observed<Optional<String>> read(String path);

  /** Names of the files directly in {@code dir}; unseen when the directory was not listed. */
  Observed<List<String>> list(String dir);
}
