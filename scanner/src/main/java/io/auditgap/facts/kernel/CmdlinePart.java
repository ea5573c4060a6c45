package io.auditgap.facts.kernel;

import io.auditgap.facts.SourceLine;
import java.util.Optional;

/**
 * One written piece of a persistent kernel command line: a {@code GRUB_CMDLINE_LINUX} assignment, a
 * BLS {@code options} line, {@code /etc/kernel/cmdline}.
 *
 * @param label what the piece is, e.g. {@code GRUB_CMDLINE_LINUX}
 * @param at where the piece is written, and the line as written (untrusted)
 * @param cmdline the piece's parameters after expansion
 * @param overrode the earlier assignment this one replaced (a grub.d file overriding
 *     /etc/default/grub), if any
 */
public record CmdlinePart(
    String label, SourceLine at, KernelCmdline cmdline, Optional<CmdlinePart> overrode) {}
