#!/bin/bash
# bench/peers/compare.sh - run auditgap, Lynis and OpenSCAP (ssg-debian11) on the same fixture hosts and
# tabulate their verdicts for the topics where they overlap (see docs/peer-comparison.md).
#
#   sudo bench/peers/compare.sh [-o OUT] [--keep] [--skip-lynis] [--skip-oscap] [--skip-auditgap]
#
# It never touches the shared test fleet (/tmp/auditgap-testfleet, 127.77.0.x): it starts its OWN fleet with
# the repo's unmodified scanner/src/test/fleet/fleet.sh, pointed by its environment variables at
#   AUDITGAP_FLEET_DIR=$PEERS_DIR/fleet   AUDITGAP_FLEET_HOSTS=$PEERS_DIR/hosts   AUDITGAP_FLEET_NET=$PEERS_NET
# where $PEERS_DIR/hosts = a copy of the repo's fixtures + one Debian-11-identity variant "<h>-d11" per
# OpenSCAP host (host.conf "inherit <h>", etc/debian_version 11.9, Debian 11 os-release): ssg-debian only
# has Debian 10/11 content and applies it only where /etc/debian_version matches ^11.[0-9]+$ (and no
# /.dockerenv or /run/.containerenv -- the fleet host's root is a fresh tmpfs, so neither exists).
# Everything else about the variant is the base fixture (same rules, auditctl stand-in, services).
# One peer-specific host is added (all tools scan it): "drift-unloaded" = drift + rules.d/60-unloaded.rules
# (-e 2 and the gshadow/opasswd watches), written to rules.d but never loaded: the kernel still has drift's
# 6 watches and "enabled 1". It shows what a files-only checker says about rules that are not in force.
#
# env: PEERS_DIR (default /tmp/auditgap-peers)  PEERS_NET (default 127.78.0)
#      LYNIS_HOSTS (default "hardened tricky drift debian-auditd debian-stock complete task-never rsyslog-after-stop")
#      LYNIS_NONROOT_HOSTS (default "hardened": Lynis run as the unprivileged scan user)
#      OSCAP_HOSTS (default "hardened tricky drift drift-unloaded debian-auditd debian-stock complete task-never
#                  rsyslog-after-stop sshd-loglevel-shadowed")
#      PEERS_PARALLEL=1: run the Lynis loop and the OpenSCAP loop at the same time (faster; runtimes then overlap)
#      TAILORING (default bench/peers/ssg-debian11-tailoring-audit.xml)
# Outputs in OUT (default bench/peers/out): auditgap/report.json, lynis/<h>.{log,dat,out}, oscap/<h>.xml,
# runtimes.tsv, versions.txt, verdicts.csv, verdicts.md (the table), evidence/<h>.txt (files quoted in the doc).
set -u
SELF=$(readlink -f "$0"); HERE=$(dirname "$SELF"); REPO=$(cd "$HERE/../.." && pwd)
FLEET_SH=$REPO/scanner/src/test/fleet/fleet.sh
PEERS_DIR=${PEERS_DIR:-/tmp/auditgap-peers}
PEERS_NET=${PEERS_NET:-127.78.0}
LYNIS_HOSTS=${LYNIS_HOSTS-hardened tricky drift debian-auditd debian-stock complete task-never rsyslog-after-stop}
LYNIS_NONROOT_HOSTS=${LYNIS_NONROOT_HOSTS-hardened}
OSCAP_HOSTS=${OSCAP_HOSTS-hardened tricky drift drift-unloaded debian-auditd debian-stock complete task-never rsyslog-after-stop sshd-loglevel-shadowed}
TAILORING=${TAILORING:-$HERE/ssg-debian11-tailoring-audit.xml}
DS=/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml
PROFILE=xccdf_fleet_profile_audit_logging_ssh
PEERS_PARALLEL=${PEERS_PARALLEL:-0}
OUT=$REPO/bench/peers/out; KEEP=0; DO_LYNIS=1; DO_OSCAP=1; DO_AG=1
while [ $# -gt 0 ]; do case "$1" in
  -o) OUT=$(readlink -f "$2"); shift ;; --keep) KEEP=1 ;; --skip-lynis) DO_LYNIS=0 ;; --skip-oscap) DO_OSCAP=0 ;;
  --skip-auditgap) DO_AG=0 ;; -h|--help) sed -n '2,/^set -u/p' "$SELF" | sed '$d'; exit 0 ;;
  *) echo "unknown option $1" >&2; exit 2 ;; esac; shift; done

log() { echo "[peers] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root (the fleet needs namespaces)"
for t in lynis oscap python3; do command -v $t >/dev/null || die "$t missing: apt-get install -y lynis openscap-scanner ssg-debian"; done
[ -f "$DS" ] || die "$DS missing: apt-get install -y ssg-debian"
[ -f "$TAILORING" ] || die "tailoring file $TAILORING missing"

export AUDITGAP_FLEET_DIR=$PEERS_DIR/fleet AUDITGAP_FLEET_HOSTS=$PEERS_DIR/hosts AUDITGAP_FLEET_NET=$PEERS_NET
fleet() { "$FLEET_SH" "$@"; }
now() { date +%s.%N; }
secs() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.1f", b-a}'; }

# ------------------------------------------------------------------ hosts: repo fixtures + Debian-11 variants
build_hosts() {
  local H=$PEERS_DIR/hosts h v idx
  rm -rf "$H"; mkdir -p "$H"
  cp -a "$REPO/scanner/src/test/fleet/hosts/." "$H/"
  mkdir -p "$H/drift-unloaded/etc/audit/rules.d"
  { echo "# drift + rules added to rules.d but never loaded (peer comparison only; bench/peers/compare.sh)"
    echo "index 90"; echo "inherit drift"
    grep -vE '^[[:space:]]*(#|index[[:space:]]|inherit[[:space:]]|$)' "$H/drift/host.conf"; } > "$H/drift-unloaded/host.conf"
  cat > "$H/drift-unloaded/etc/audit/rules.d/60-unloaded.rules" <<'RULES'
## added to rules.d, "augenrules --load" never run: not in the kernel
-w /etc/gshadow -p wa -k identity
-w /etc/security/opasswd -p wa -k identity
-e 2
RULES
  for h in $OSCAP_HOSTS; do
    [ -f "$H/$h/host.conf" ] || die "no fixture $h"
    v=$H/$h-d11; mkdir -p "$v/etc"
    idx=$(awk '$1=="index"{print $2}' "$H/$h/host.conf")
    { echo "# $h with a Debian 11 identity (etc/debian_version 11.9) so that ssg-debian11 content applies"
      echo "index $((100 + idx))"; echo "inherit $h"
      # host.conf keys other than index/inherit are read from the host's own file only: repeat them
      grep -vE '^[[:space:]]*(#|index[[:space:]]|inherit[[:space:]]|$)' "$H/$h/host.conf"; } > "$v/host.conf"
    echo "11.9" > "$v/etc/debian_version"
    cat > "$v/etc/os-release" <<'OSR'
PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"
NAME="Debian GNU/Linux"
VERSION_ID="11"
VERSION="11 (bullseye)"
VERSION_CODENAME=bullseye
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
OSR
    echo "$h-d11" > "$v/etc/hostname"   # stage writes /etc/hosts from the fleet name
  done
}

OWN_FLEET=0
cleanup() { if [ $OWN_FLEET = 1 ] && [ $KEEP = 0 ]; then fleet down >/dev/null 2>&1; log "own fleet ($PEERS_DIR/fleet) down"; fi; }
trap cleanup EXIT

mkdir -p "$OUT"/{auditgap,lynis,oscap,evidence}
RT=$OUT/runtimes.tsv   # rows of earlier runs are kept unless this run measures the same tool and host again
rerun=""; [ $DO_AG = 1 ] && rerun="auditgap ALL"
[ $DO_LYNIS = 1 ] && for h in $LYNIS_HOSTS $LYNIS_NONROOT_HOSTS; do rerun="$rerun
lynis $h"; done
[ $DO_OSCAP = 1 ] && for h in $OSCAP_HOSTS; do rerun="$rerun
oscap $h"; done
old_rt=$(awk -F'\t' -v rr="$rerun" 'BEGIN{n=split(rr,a,"\n"); for(i=1;i<=n;i++) skip[a[i]]=1} NR>1 && !(($1" "$2) in skip)' "$RT" 2>/dev/null)
{ printf 'tool\thost\tmode\tseconds\trc\tloadavg_at_start\n'; [ -n "$old_rt" ] && echo "$old_rt"; } > "$RT.new"; mv "$RT.new" "$RT"
if fleet status >/dev/null 2>&1; then
  log "own fleet already up in $PEERS_DIR/fleet: reusing it (will not take it down)"
else
  build_hosts
  log "starting own fleet: hosts $(ls "$PEERS_DIR/hosts" | tr '\n' ' ')"
  fleet up || die "fleet up failed"
  OWN_FLEET=1
fi
fleet status >&2
INV=$PEERS_DIR/fleet/run/inventory.yaml

# ------------------------------------------------------------------ versions
{ echo "date: $(date -u +%FT%TZ)"; echo "kernel: $(uname -r)"; echo "nproc: $(nproc)"
  echo "auditgap: $(cd "$REPO" && git rev-parse --short HEAD) ($(cd "$REPO" && ./auditgap --version 2>/dev/null | head -1))"
  echo "lynis: $(lynis --version 2>/dev/null | head -1) (dpkg $(dpkg-query -W -f='${Version}' lynis))"
  echo "oscap: $(oscap --version | head -1)"
  echo "ssg-debian: $(dpkg-query -W -f='${Version}' ssg-debian)"
  echo "openscap-scanner: $(dpkg-query -W -f='${Version}' openscap-scanner)"
  echo "tailoring: $TAILORING ($(sha256sum < "$TAILORING" | cut -c1-12))"; } > "$OUT/versions.txt"
cat "$OUT/versions.txt" >&2

# ------------------------------------------------------------------ (a) auditgap, over SSH, whole base fleet
if [ $DO_AG = 1 ]; then
  # base fixtures only (the -d11 variants are the same hosts with another identity)
  grep -v -- '-d11:' "$INV" > "$OUT/auditgap/inventory.yaml"
  (cd "$REPO" && ./auditgap checks list > "$OUT/auditgap/checks.txt" 2>&1)
  la=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
  (cd "$REPO" && ./auditgap scan -i "$OUT/auditgap/inventory.yaml" --format json,console -o "$OUT/auditgap" \
      --save-snapshots "$OUT/auditgap/snapshots" --color never > "$OUT/auditgap/console.txt" 2>&1); rc=$?
  printf 'auditgap\tALL\tsudo (nosudo: none)\t%s\t%s\t%s\n' "$(secs "$t0")" "$rc" "$la" >> "$RT"
  log "auditgap: rc=$rc in $(awk -F'\t' 'END{print $4}' "$RT")s"
fi

# ------------------------------------------------------------------ (b) Lynis inside each host
run_lynis() {   # host mode(root|nonroot)
  local h=$1 m=$2 t0 rc f=$OUT/lynis/$1${2#root}
  [ "$m" = root ] && f=$OUT/lynis/$h
  la=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
  if [ "$m" = root ]; then
    fleet exec "$h" lynis audit system --quick --no-colors --logfile /tmp/lynis.log --report-file /tmp/lynis-report.dat \
      > "$f.out" 2>&1; rc=$?
    fleet exec "$h" cat /tmp/lynis.log > "$f.log"; fleet exec "$h" cat /tmp/lynis-report.dat > "$f.dat"
  else
    # as the scan user (no sudo): what Lynis does without root
    fleet exec "$h" su -s /bin/sh auditor -c 'cd /tmp && /usr/sbin/lynis audit system --quick --no-colors --logfile /tmp/lynis-u.log --report-file /tmp/lynis-u.dat' \
      > "$f.out" 2>&1; rc=$?
    fleet exec "$h" cat /tmp/lynis-u.log > "$f.log"; fleet exec "$h" cat /tmp/lynis-u.dat > "$f.dat"
  fi
  printf 'lynis\t%s\t%s\t%s\t%s\t%s\n' "$h" "$m" "$(secs "$t0")" "$rc" "$la" >> "$RT"
  log "lynis $h ($m): rc=$rc $(awk -F'\t' '$1=="lynis"{s=$4} END{print s}' "$RT")s"
}
lynis_all() {
  for h in $LYNIS_HOSTS; do run_lynis "$h" root; done
  for h in $LYNIS_NONROOT_HOSTS; do run_lynis "$h" nonroot; done
}

# ------------------------------------------------------------------ (c) OpenSCAP inside each Debian-11-identity variant
oscap_all() {
  for h in $OSCAP_HOSTS; do
    v=$h-d11
    fleet exec "$v" sh -c 'cat > /tmp/tailoring.xml' < "$TAILORING"
    fleet exec "$v" sh -c 'cat /etc/debian_version; ls -a / | grep -c "^\.dockerenv$"; ls -a /run | grep -c "^\.containerenv$"' > "$OUT/oscap/$h.identity" 2>&1
    la=$(cut -d' ' -f1 /proc/loadavg); t0=$(now)
    fleet exec "$v" oscap xccdf eval --tailoring-file /tmp/tailoring.xml --profile "$PROFILE" \
      --results /tmp/oscap-results.xml "$DS" > "$OUT/oscap/$h.out" 2>&1; rc=$?
    printf 'oscap\t%s\t%s\t%s\t%s\t%s\n' "$h" "root ($v)" "$(secs "$t0")" "$rc" "$la" >> "$RT"
    fleet exec "$v" cat /tmp/oscap-results.xml > "$OUT/oscap/$h.xml"
    log "oscap $h: rc=$rc $(awk -F'\t' '$1=="oscap"{s=$4} END{print s}' "$RT")s ($(grep -c '^Result' "$OUT/oscap/$h.out") rules)"
  done
}
if [ "$PEERS_PARALLEL" = 1 ] && [ $DO_LYNIS = 1 ] && [ $DO_OSCAP = 1 ]; then
  lynis_all & lp=$!; oscap_all; wait $lp
else
  [ $DO_LYNIS = 1 ] && lynis_all
  [ $DO_OSCAP = 1 ] && oscap_all
fi

# ------------------------------------------------------------------ evidence quoted in the doc (from the hosts' view)
for h in $(echo $LYNIS_HOSTS $OSCAP_HOSTS | tr ' ' '\n' | awk '!s[$0]++'); do
  fleet exec "$h" sh -c '
    for f in /etc/debian_version /etc/pam.d/sshd /etc/pam.d/common-session /etc/sudoers.d/* /etc/audit/rules.d/* /etc/audit/audit.rules /etc/audit/auditd.conf /etc/ssh/sshd_config.d/* /etc/rsyslog.conf /etc/rsyslog.d/* /etc/logrotate.d/rsyslog /etc/systemd/journald.conf; do
      [ -f "$f" ] || continue; echo "==== $f"; grep -n -v -e "^[[:space:]]*#" -e "^[[:space:]]*\$" "$f"; done
    echo "==== auditctl -l"; /usr/sbin/auditctl -l 2>&1; echo "==== auditctl -s"; /usr/sbin/auditctl -s 2>&1
    echo "==== sshd -T (loglevel)"; /usr/sbin/sshd -T -C user=auditor,host=x,addr=127.0.0.1 2>&1 | grep -i "^loglevel\|^usepam\|^syslogfacility"
    echo "==== grep -rn pam_tty_audit /etc/pam.d"; grep -rn pam_tty_audit /etc/pam.d 2>&1
    echo "==== ls -ld /var/log/journal"; ls -ld /var/log/journal 2>&1
    echo "==== dpkg -l auditd rsyslog chrony systemd-timesyncd ntp"; dpkg -l auditd rsyslog chrony systemd-timesyncd ntp 2>&1 | grep "^[a-z]"' \
    > "$OUT/evidence/$h.txt" 2>&1
done

# ------------------------------------------------------------------ table
python3 "$HERE/extract.py" "$OUT" || die "extract.py failed"
log "table: $OUT/verdicts.md  csv: $OUT/verdicts.csv  runtimes: $RT"
