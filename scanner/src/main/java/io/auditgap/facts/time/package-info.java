/**
 * Time synchronisation: the active daemons (systemd units folded by Id, or the process list without
 * systemd), {@code timedatectl show} and {@code chronyc -n tracking}.
 */
package io.auditgap.facts.time;
