#!/bin/bash
# capture-audit.sh [host...] - regenerate hosts/<h>/captured/{audit.rules,auditctl-l.txt,auditctl-s.txt}
# from the REAL tools (root needed).  Never hand-write what auditctl prints.
#
# For each fixture whose auditd is "installed" (it has etc/audit/rules.d, or inherits one):
#   1. the loaded rule source is capture/loaded-rules.d/ if present (models a host whose rules.d was
#      edited after the last load, e.g. "drift"), else the fixture's etc/audit/rules.d/ merged over
#      those of the fixtures it inherits (inherited first, same names overridden: what the host sees);
#   2. the real /sbin/augenrules merges it into audit.rules, run in a private mount namespace with a
#      scratch dir bound over /etc/audit (the machine's real /etc is never written);
#   3. under flock /tmp/auditgap-kernel-audit.lock (the kernel's audit state is global and shared with
#      other users of this machine): auditctl -D; auditctl -R <merged rules without -e lines, without
#      --loginuid-immutable (both would lock the kernel until reboot), with -f 2 turned into -f 1>;
#      auditctl -l and auditctl -s captured; then auditctl -D, -e 0 and the previous -b/-f/
#      --backlog_wait_time restored.
# The stand-in auditctl of each fleet host prints these files; what a load cannot show (enabled 2,
# loginuid_immutable 1 locked, auditd's pid) is set per host from host.conf when the host starts.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
HOSTS=${AUDITGAP_FLEET_HOSTS:-$HERE/hosts}
LOCK=/tmp/auditgap-kernel-audit.lock
[ "$(id -u)" = 0 ] || { echo "capture-audit.sh: must run as root" >&2; exit 1; }
command -v auditctl >/dev/null && [ -x /sbin/augenrules ] || { echo "capture-audit.sh: needs the auditd package" >&2; exit 1; }

conf() { awk -v k="$2" '$1==k{$1=""; sub(/^ /,""); print; exit}' "$HOSTS/$1/host.conf" 2>/dev/null; }
rules_src() {   # fixture -> rules dirs last loaded on that host, inherited first (as fleet.sh stages them)
  local h=$1 b
  [ -d "$HOSTS/$h/capture/loaded-rules.d" ] && { echo "$HOSTS/$h/capture/loaded-rules.d"; return; }
  b=$(conf "$h" inherit); [ -n "$b" ] && rules_src "$b"
  [ -d "$HOSTS/$h/etc/audit/rules.d" ] && echo "$HOSTS/$h/etc/audit/rules.d"
  return 0
}

names=("$@")
[ ${#names[@]} -gt 0 ] || mapfile -t names < <(ls "$HOSTS")
tmp=$(mktemp -d /tmp/auditgap-capture.XXXXXX); trap 'rm -rf "$tmp"' EXIT
for h in "${names[@]}"; do
  srcs=$(rules_src "$h" || true)
  if [ -z "$srcs" ]; then echo "[capture] $h: no audit rules (auditd not installed) - skipped"; continue; fi
  out=$HOSTS/$h/captured; w=$tmp/$h; mkdir -p "$out" "$w/audit/rules.d"
  # a variant's rules.d adds to (and overrides files of) the one it inherits, as in the staged layer
  for s in $srcs; do cp "$s"/* "$w/audit/rules.d/" 2>/dev/null || true; done; rm -f "$w/audit/rules.d/.fleet-opaque"
  src=$(for s in $srcs; do printf '%s ' "${s#$HOSTS/}"; done); src=${src% }; src=$HOSTS/$src
  chmod 750 "$w/audit" "$w/audit/rules.d"; chmod 640 "$w"/audit/rules.d/*
  # 2. the real augenrules, on a private view of /etc/audit
  unshare --mount --propagation private sh -c 'mount --bind "$1" /etc/audit && /sbin/augenrules' _ "$w/audit" > "$w/augenrules.log" 2>&1
  cp "$w/audit/audit.rules" "$out/audit.rules"
  grep -vE '^[[:space:]]*(-e[[:space:]]|--loginuid-immutable)' "$w/audit/audit.rules" |
    sed -E 's/^([[:space:]]*-f[[:space:]]+)2[[:space:]]*$/\11/' > "$w/load.rules"
  # 3. the real kernel, serialised with every other user of it
  (
    flock 9
    before=$(auditctl -s)
    val() { printf '%s\n' "$before" | awk -v k="$1" '$1==k{print $2; exit}'; }
    [ "$(val enabled)" = 2 ] && { echo "[capture] kernel audit is immutable (enabled 2): cannot capture" >&2; exit 1; }
    auditctl -D >/dev/null
    rc=0; auditctl -R "$w/load.rules" > "$w/load.log" 2>&1 || rc=$?
    auditctl -l > "$out/auditctl-l.txt"
    auditctl -s > "$out/auditctl-s.txt"
    auditctl -D >/dev/null
    auditctl -e "$(val enabled)" >/dev/null
    auditctl -b "$(val backlog_limit)" >/dev/null
    auditctl -f "$(val failure)" >/dev/null
    auditctl --backlog_wait_time "$(val backlog_wait_time)" >/dev/null
    echo "$rc" > "$w/load.rc"
  ) 9>"$LOCK"
  { echo "# captured $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(uname -r), $(auditctl -v 2>&1)"
    echo "# source: ${src#$HOSTS/}; auditctl -R rc=$(cat "$w/load.rc")"
    sed 's/^/# augenrules: /' "$w/augenrules.log"; grep -vE '^(enabled|failure|pid|rate_limit|backlog|backlog_limit|lost|backlog_wait_time|backlog_wait_time_actual|loginuid_immutable) ' "$w/load.log" | sed 's/^/# auditctl -R: /'; } > "$out/capture.log"
  echo "[capture] $h: $(grep -c . "$out/auditctl-l.txt") lines of auditctl -l (from ${src#$HOSTS/}, rc=$(cat "$w/load.rc"))"
done
