package io.auditgap.collect;

/**
 * One thing the collector script gathers on a host. Checks declare the items they need; the union
 * of those needs becomes one script, run once per host.
 */
public sealed interface CollectionItem
    permits CollectionItem.File, CollectionItem.Directory, CollectionItem.Command {

  /** The key under which the result appears in a {@link HostSnapshot}. */
  String key();

  /** The content of one file, read with a size cap. */
  record File(String path) implements CollectionItem {
    public File {
      CollectorScript.requireSafeWord(path);
    }

    @Override
    public String key() {
      return "file:" + path;
    }
  }

  /**
   * The names in a directory (one per line, {@code type<TAB>name}) and the content of every regular
   * file in it, each as its own {@code file:} item.
   */
  record Directory(String path) implements CollectionItem {
    public Directory {
      CollectorScript.requireSafeWord(path);
    }

    @Override
    public String key() {
      return "dir:" + path;
    }
  }

  /**
   * The output (stdout and stderr merged) and exit status of a read-only shell snippet.
   *
   * @param name stable name checks use to find the result, e.g. {@code auditctl -l}
   * @param shell POSIX sh snippet, the body of a function the collector's shell runs (it ends with
   *     {@code return}, never {@code exit}; see {@link CollectorScript#requireFunctionBody}); it
   *     must only read
   * @param guarded run under a per-item timeout (a few extra processes on the host); false only for
   *     snippets that cannot hang and print little
   * @param capped its output is also cut at the item cap while it is produced (one more process and
   *     two subshells); false for snippets whose output is small by construction
   */
  record Command(String name, String shell, boolean guarded, boolean capped)
      implements CollectionItem {
    public Command {
      CollectorScript.requireSafeName(name);
      CollectorScript.requireFunctionBody(shell);
    }

    /** A guarded command: the safe default for anything that may wait on a daemon or network. */
    public Command(String name, String shell) {
      this(name, shell, true, true);
    }

    public Command(String name, String shell, boolean guarded) {
      this(name, shell, guarded, guarded);
    }

    /**
     * A snippet that cannot hang and prints little (built-ins, {@code uname}, {@code stat} of local
     * paths, ...): it runs in one subshell without the timeout and size-cap wrapper.
     */
    public static Command quick(String name, String shell) {
      return new Command(name, shell, false, false);
    }

    /**
     * A snippet that may hang (it asks a daemon, or reads a journal) but whose output is small by
     * construction (named properties, one entry, a few lines): under the timeout, without the
     * streaming cap (the item cap still applies to what it printed).
     */
    public static Command bounded(String name, String shell) {
      return new Command(name, shell, true, false);
    }

    @Override
    public String key() {
      return "cmd:" + name;
    }

    /**
     * The first 12 hex digits of the SHA-256 of the name, the snippet and how it runs: the output a
     * parser reads is defined by the snippet that printed it.
     */
    public String digest() {
      return CollectorScript.digest(name + '\n' + shell + '\n' + guarded + '\n' + capped)
          .substring(0, 12);
    }
  }
}
