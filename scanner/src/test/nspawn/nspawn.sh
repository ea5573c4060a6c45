#!/bin/bash
# A real booted Debian 12 under systemd-nspawn, for NspawnBootedIT (root only): systemd as PID 1,
# journald, the distribution's sshd, PAM, sudo and auditd (which fails there: nspawn's seccomp
# filter blocks the audit netlink socket, as in any container).
#
#   nspawn.sh check    exit 0 when this machine can run it (root, debootstrap, systemd-nspawn, ip)
#   nspawn.sh rootfs   build the Debian root once and cache it (see CACHE), print its path
#   nspawn.sh up       boot a container on an overlay of the cached root, in its own network
#                      namespace; wait for sshd; print KEY=VALUE lines (address, user, key, known_hosts)
#   nspawn.sh down     stop it (clean shutdown, then KILL) and remove everything "up" made; safe twice
#
# Names are the project's own: network namespace agp-nspawn-ID, host-side veth agp-nspID, machine
# agp-nspawn-ID, addresses 10.213.ID.0/30 (main namespace .1, container .2). Nothing routes 10.213/16
# off the machine. The cached root is keyed by suite, variant and package list: a second run reuses it.
set -eu
ID=${AGP_NSPAWN_ID:-0}
case $ID in '' | *[!0-9]*) echo "AGP_NSPAWN_ID must be 0-255" >&2; exit 2 ;; esac
[ "$ID" -le 255 ] || { echo "AGP_NSPAWN_ID must be 0-255" >&2; exit 2; }
STATE=${AGP_NSPAWN_STATE:-/tmp/agp-nspawn-$ID}
CACHE=${AGP_NSPAWN_CACHE:-/var/cache/auditgap-nspawn}
NS=agp-nspawn-$ID
LINK=agp-nsp$ID
NET=10.213.$ID
MACHINE=agp-nspawn-$ID
SUITE=bookworm
VARIANT=minbase
# What the checks read on a real host: systemd + dbus (systemctl show, logind for pam_systemd),
# sshd and its PAM stack, sudo (the collector runs under sudo -n), auditd (its unit fails there).
PACKAGES="systemd,systemd-sysv,dbus,openssh-server,sudo,auditd,libpam-modules"
USER_NAME=auditor
BOOT_TIMEOUT=${AGP_NSPAWN_BOOT_TIMEOUT:-90}

log() { echo "[nspawn] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }

check() {
  [ "$(id -u)" = 0 ] || { echo "needs root"; return 1; }
  for c in debootstrap systemd-nspawn ip ssh-keygen flock; do
    command -v "$c" >/dev/null 2>&1 || { echo "missing: $c (scanner/src/test/nspawn-packages.txt)"; return 1; }
  done
  ip netns list >/dev/null 2>&1 || { echo "no network namespaces"; return 1; }
}

mirror() {
  if [ -n "${AGP_NSPAWN_MIRROR:-}" ]; then echo "$AGP_NSPAWN_MIRROR"; return; fi
  m=$(awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list.d/*.sources 2>/dev/null || true)
  [ -n "$m" ] || m=$(awk '$1=="deb" && $2 !~ /security/ {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  echo "${m:-http://deb.debian.org/debian}"
}

key() { printf '%s %s %s v2\n' "$SUITE" "$VARIANT" "$PACKAGES" | sha256sum | cut -c1-16; }

rootfs() {
  k=$(key)
  dir="$CACHE/$SUITE-$k"
  mkdir -p "$CACHE"
  # one builder at a time; a finished root is renamed into place, so a half-built one is never used
  exec 9>"$CACHE/.lock"
  flock -w 900 9 || die "another build holds $CACHE/.lock"
  if [ ! -f "$dir/usr/lib/os-release" ]; then
    tmp="$dir.tmp"
    rm -rf "$tmp"
    t0=$(date +%s)
    log "debootstrap $SUITE ($VARIANT, $PACKAGES) from $(mirror) into $tmp"
    # Two stages so that dpkg can skip its fsync calls in the second one (a throw-away test root:
    # a crash means a rebuild); the setting is removed before the root is used.
    if ! { timeout 600 debootstrap --foreign --variant="$VARIANT" --include="$PACKAGES" "$SUITE" "$tmp" "$(mirror)" &&
           mkdir -p "$tmp/etc/dpkg/dpkg.cfg.d" && echo force-unsafe-io >"$tmp/etc/dpkg/dpkg.cfg.d/agp-unsafe-io" &&
           timeout 600 chroot "$tmp" /debootstrap/debootstrap --second-stage; } >"$CACHE/debootstrap.log" 2>&1; then
      tail -20 "$CACHE/debootstrap.log" >&2
      rm -rf "$tmp"
      die "debootstrap failed (log: $CACHE/debootstrap.log)"
    fi
    rm -f "$tmp/etc/dpkg/dpkg.cfg.d/agp-unsafe-io"
    rm -rf "$tmp/var/cache/apt/archives/"*.deb "$tmp/var/lib/apt/lists/"* 2>/dev/null || true
    mv "$tmp" "$dir"
    log "root built in $(( $(date +%s) - t0 )) s: $dir"
    for old in "$CACHE/$SUITE"-*; do   # roots of other package lists are not used again
      case $old in "$dir" | *.tmp) ;; *) [ -d "$old" ] && rm -rf "$old" ;; esac
    done
  fi
  exec 9>&-
  echo "$dir"
}

# down: stop the container and remove the namespace, link, overlay and state. Never by name: only
# the PID recorded by "up" and the processes inside this run's own network namespace.
down() {
  if [ -f "$STATE/pid" ]; then
    p=$(cat "$STATE/pid")
    if kill -0 "$p" 2>/dev/null; then
      kill -TERM "$p" 2>/dev/null || true   # nspawn asks the container's systemd to power off
      i=0; while kill -0 "$p" 2>/dev/null && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
      kill -KILL "$p" 2>/dev/null || true
    fi
  fi
  if ip netns list 2>/dev/null | grep -qx "$NS\( (id: [0-9]*)\)\?"; then
    for p in $(ip netns pids "$NS" 2>/dev/null); do kill -KILL "$p" 2>/dev/null || true; done
    sleep 0.2
    ip netns del "$NS" 2>/dev/null || true
  fi
  ip link del "$LINK" 2>/dev/null || true
  if [ -d "$STATE/root" ]; then
    mountpoint -q "$STATE/root" && { umount "$STATE/root" 2>/dev/null || umount -l "$STATE/root"; }
  fi
  rm -rf "$STATE"
}

# stage ROOT: the host's own configuration, written into the overlay's upper layer only
stage() {
  r=$1
  ssh-keygen -q -t ed25519 -N '' -C agp-nspawn -f "$STATE/client_key" </dev/null
  echo "$MACHINE" >"$r/etc/hostname"
  printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n%s.2\t%s\n' "$MACHINE" "$NET" "$MACHINE" >"$r/etc/hosts"
  : >"$r/etc/resolv.conf"   # no resolver, as on an isolated host
  chroot "$r" useradd -m -u 1000 -s /bin/bash "$USER_NAME"
  install -d -m 700 -o 1000 -g 1000 "$r/home/$USER_NAME/.ssh"
  install -m 600 -o 1000 -g 1000 "$STATE/client_key.pub" "$r/home/$USER_NAME/.ssh/authorized_keys"
  printf '%s ALL=(ALL:ALL) NOPASSWD: ALL\n' "$USER_NAME" >"$r/etc/sudoers.d/agp-nspawn"
  chmod 440 "$r/etc/sudoers.d/agp-nspawn"
  # pam_tty_audit as pam.tty-audit's remediation asks, but "optional": under "required" every SSH
  # login fails in a container (the module cannot reach kernel audit); "optional" logs in and the
  # module records nothing, which the report must not call session capture.
  printf 'session optional\tpam_tty_audit.so enable=*\n' >>"$r/etc/pam.d/common-session"
  for f in "$r"/etc/ssh/ssh_host_*_key.pub; do awk -v a="$NET.2" '{print a, $1, $2}' "$f"; done >"$STATE/known_hosts"
}

# failed WHY: show the boot log, tear everything down, exit 1
failed() {
  tail -30 "$STATE/nspawn.log" >&2 2>/dev/null || true
  down
  die "$1"
}

up() {
  check >/dev/null || die "$(check)"
  root=$(rootfs)
  down
  mkdir -p "$STATE/upper" "$STATE/work" "$STATE/root"
  mount -t overlay "$MACHINE" -o "lowerdir=$root,upperdir=$STATE/upper,workdir=$STATE/work" "$STATE/root"
  stage "$STATE/root"
  ip netns add "$NS"
  ip link add "$LINK" type veth peer name host0 netns "$NS"
  ip addr add "$NET.1/30" dev "$LINK"
  ip link set "$LINK" up
  ip -n "$NS" addr add "$NET.2/30" dev host0
  ip -n "$NS" link set lo up
  ip -n "$NS" link set host0 up
  t0=$(date +%s)
  setsid systemd-nspawn -b -D "$STATE/root" --register=no --keep-unit -M "$MACHINE" \
    --network-namespace-path="/run/netns/$NS" --console=read-only --resolv-conf=off --timezone=off \
    </dev/null >"$STATE/nspawn.log" 2>&1 &
  echo $! >"$STATE/pid"
  until (exec 3<>"/dev/tcp/$NET.2/22") 2>/dev/null; do
    kill -0 "$(cat "$STATE/pid")" 2>/dev/null || failed "systemd-nspawn exited"
    [ $(( $(date +%s) - t0 )) -lt "$BOOT_TIMEOUT" ] || failed "sshd not listening after ${BOOT_TIMEOUT}s"
    sleep 0.2
  done
  # a host is scanned once it has settled, not in the middle of its start-up: wait for systemd to
  # finish its jobs and for no unit to be starting or restarting (auditd cycles through
  # auto-restart until its start limit leaves it failed); it then answers "degraded"
  state=$(timeout 60 ssh -i "$STATE/client_key" -o IdentitiesOnly=yes -o BatchMode=yes \
    -o UserKnownHostsFile="$STATE/known_hosts" -o StrictHostKeyChecking=yes -o ConnectTimeout=10 \
    "$USER_NAME@$NET.2" 'systemctl is-system-running --wait >/dev/null; i=0
      while [ -n "$(systemctl list-units --state=activating,deactivating --no-legend)" ] && [ $i -lt 300 ]; do
        sleep 0.1; i=$((i + 1)); done; systemctl is-system-running' </dev/null 2>&1) || true
  case $state in running | degraded) ;; *) failed "boot did not finish: ${state:-no answer}" ;; esac
  log "booted ($state), sshd listening on $NET.2:22 after $(( $(date +%s) - t0 )) s"
  echo "address=$NET.2"
  echo "user=$USER_NAME"
  echo "identity_file=$STATE/client_key"
  echo "known_hosts=$STATE/known_hosts"
  echo "machine=$MACHINE"
  echo "log=$STATE/nspawn.log"
}

case "${1:-}" in
  check) check ;;
  rootfs) check >/dev/null || die "$(check)"; rootfs ;;
  up) up ;;
  down) down ;;
  *) echo "usage: $0 check|rootfs|up|down" >&2; exit 2 ;;
esac
