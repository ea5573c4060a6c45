#!/bin/bash
# bench/peers/cost.sh - what one host's assessment costs, side by side, on the same fleet host in the same
# run: auditgap (the whole single-host command, over SSH), Lynis (`lynis audit system --quick` inside the
# host), OpenSCAP (ssg-debian11 with the audit/logging/ssh tailoring, inside a Debian-11-identity copy of the
# host) and a naive loop of one OpenSSH client command per collected item (the pattern of tools that run
# one remote command per resource). Wall time and target CPU, and each as a ratio to auditgap.
#
#   sudo bench/peers/cost.sh [HOST]      default: complete (a fixture of scanner/src/test/fleet/hosts)
#
# Target CPU: auditgap and the naive loop log in over SSH, so the host's cgroup (its sshd and everything it
# starts) counts them; Lynis and OpenSCAP run inside the host's namespaces through nsenter, so their own
# process tree is counted (getrusage of the waited-for children). Needs: the fleet's packages, lynis,
# openscap-scanner, ssg-debian. env: COST_DIR (default /tmp/auditgap-peer-cost), COST_NET (127.98.0)
set -euo pipefail
HOST=${1:-complete}
SELF=$(readlink -f "$0"); HERE=$(dirname "$SELF"); REPO=$(cd "$HERE/../.." && pwd)
DIR=${COST_DIR:-/tmp/auditgap-peer-cost}
NET=${COST_NET:-127.98.0}
DS=/usr/share/xml/scap/ssg/content/ssg-debian11-ds.xml
TAILORING=$HERE/ssg-debian11-tailoring-audit.xml
[ "$(id -u)" = 0 ] || { echo "run as root" >&2; exit 2; }
for t in lynis oscap; do command -v $t >/dev/null || { echo "$t missing: apt-get install lynis openscap-scanner ssg-debian" >&2; exit 2; }; done
export AUDITGAP_FLEET_DIR=$DIR/fleet AUDITGAP_FLEET_HOSTS=$DIR/hosts AUDITGAP_FLEET_NET=$NET
# a path, not a shell function: /usr/bin/time must be able to execute it
FLEET=$REPO/scanner/src/test/fleet/fleet.sh
fleet() { "$FLEET" "$@"; }
rm -rf "$DIR/hosts"; mkdir -p "$DIR/hosts" "$DIR/out"
cp -a "$REPO/scanner/src/test/fleet/hosts/." "$DIR/hosts/"
v=$DIR/hosts/$HOST-d11; mkdir -p "$v/etc"
{ echo "# $HOST with a Debian 11 identity so that ssg-debian11 content applies"
  echo "index $((100 + $(awk '$1=="index"{print $2}' "$DIR/hosts/$HOST/host.conf")))"; echo "inherit $HOST"
  grep -vE '^[[:space:]]*(#|index[[:space:]]|inherit[[:space:]]|$)' "$DIR/hosts/$HOST/host.conf"; } > "$v/host.conf"
echo "11.9" > "$v/etc/debian_version"
# oscap runs inside the host, which sees the fixture's /etc but not this repository
cp "$TAILORING" "$v/etc/auditgap-tailoring-audit.xml"
printf 'PRETTY_NAME="Debian GNU/Linux 11 (bullseye)"\nNAME="Debian GNU/Linux"\nVERSION_ID="11"\nVERSION="11 (bullseye)"\nVERSION_CODENAME=bullseye\nID=debian\n' > "$v/etc/os-release"
trap 'fleet down >/dev/null 2>&1; rmdir /sys/fs/cgroup/cpuacct/auditgap-cost 2>/dev/null || true' EXIT
fleet up "$HOST" "$HOST-d11" >/dev/null
cg=/sys/fs/cgroup/cpuacct/auditgap-cost; mkdir -p "$cg"; cat "$DIR/fleet/run/$HOST/nspid" > "$cg/cgroup.procs"
ip=$(cat "$DIR/fleet/run/$HOST/ip")
inv=$DIR/fleet/run/inventory.yaml
cpu() { cat "$cg/cpuacct.usage"; }
now() { date +%s.%N; }
rows=()
measure() {   # NAME MODE(cgroup|rusage) CMD...
  local name=$1 mode=$2 t0 c0 t1 c1 wall tcpu rc=0; shift 2
  local load; load=$(cut -d' ' -f1 /proc/loadavg)
  t0=$(now); c0=$(cpu)
  # the exit status is shown, not hidden: oscap exits 2 when rules fail (its normal result), 126/127
  # means the tool did not run at all
  if [ "$mode" = rusage ]; then
    /usr/bin/time -f '%U %S' -o "$DIR/out/$name.time" "$@" >"$DIR/out/$name.out" 2>&1 || rc=$?
  else
    "$@" >"$DIR/out/$name.out" 2>&1 || rc=$?
  fi
  t1=$(now); sleep 0.5; c1=$(cpu)
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')
  if [ "$mode" = rusage ]; then tcpu=$(awk 'NF==2 && $1 ~ /^[0-9.]+$/ {t=$1+$2} END{printf "%.2f", t}' "$DIR/out/$name.time")
  else tcpu=$(awk -v a="$c0" -v b="$c1" 'BEGIN{printf "%.3f", (b-a)/1e9}'); fi
  rows+=("$name $wall $tcpu $load $rc")
}
# build the jar and record the class-data-sharing archive first, so that neither is measured
"$REPO/auditgap" --version >/dev/null
measure auditgap cgroup "$REPO/auditgap" scan -i "$inv" --hosts "$HOST" --no-probe --format json -o "$DIR/out/auditgap"
# the naive pattern: the same items, one ssh login + sudo per item
"$REPO/auditgap" collector > "$DIR/out/collect.sh"
naive() {
  local kind rest
  local ssh=(ssh -n -i "$DIR/fleet/keys/id_ed25519" -o IdentitiesOnly=yes -o BatchMode=yes
    -o UserKnownHostsFile="$DIR/fleet/run/known_hosts" "auditor@$ip")
  while read -r kind rest; do
    case $kind in
      file) "${ssh[@]}" sudo -n cat -- "$rest" >/dev/null 2>&1 || true ;;
      dir) "${ssh[@]}" "sudo -n sh -c 'ls -la ${rest%%  (*}; cat ${rest%%  (*}/* 2>/dev/null'" >/dev/null 2>&1 || true ;;
      cmd) "${ssh[@]}" sudo -n sh -c "$(printf '%q' "${rest#*: }")" >/dev/null 2>&1 || true ;;
    esac
  done < <(sed -n 's/^#   \(file\|dir \|cmd \) */\1 /p' "$DIR/out/collect.sh" | sed 's/^dir  */dir /')
}
measure naive-ssh-per-item cgroup naive
measure lynis rusage "$FLEET" exec "$HOST" lynis audit system --quick --no-colors --logfile /tmp/lynis.log --report-file /tmp/lynis.dat
measure oscap rusage "$FLEET" exec "$HOST-d11" oscap xccdf eval --tailoring-file /etc/auditgap-tailoring-audit.xml \
  --profile xccdf_fleet_profile_audit_logging_ssh --results /tmp/oscap.xml "$DS"
items=$(grep -c '^#   \(file\|dir \|cmd \)' "$DIR/out/collect.sh")
base=(${rows[0]})
printf '| tool (host %s) | wall s | target CPU s | wall ratio | CPU ratio | exit | load avg |\n|---|---|---|---|---|---|---|\n' "$HOST"
for r in "${rows[@]}"; do
  set -- $r
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" \
    "$(awk -v a="$2" -v b="${base[1]}" 'BEGIN{printf "%.1fx", a/b}')" \
    "$(awk -v a="$3" -v b="${base[2]}" 'BEGIN{printf "%.1fx", a/b}')" "$5" "$4"
done
echo "(naive loop: $items ssh logins, one per collected item)"
