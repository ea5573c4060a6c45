package io.auditgap.facts.audit;

/**
 * A file watch: a rule that {@code auditctl -l} prints as {@code -w path -p perms}. A directory
 * watch ({@code dir=}) and a path watch print the same way, so they are not told apart here.
 *
 * @param perms letters of {@code rwxa}, in that order
 */
public record WatchForm(String path, String perms) {}
