#!/bin/bash
# fleet.sh - auditgap's test fleet: real OpenSSH sshd "hosts" on one Linux machine (root needed).
#
#   fleet.sh up [name...]     start all fixtures under hosts/ (or the named ones); hosts already up are kept
#   fleet.sh down             stop every host this work dir started, remove its run dir (zero leftovers)
#   fleet.sh status           one line per host: name address pid state; rc 1 if any host is down
#   fleet.sh exec NAME cmd... run cmd as root inside the host's namespaces (no ssh)
#   fleet.sh ssh NAME [user] cmd...   real ssh client, as auditor (default) or root
#
# One host = a mount+PID+UTS namespace whose PID 1 is a real /usr/sbin/sshd listening on 127.77.0.<index>:22
# (index from hosts/<name>/host.conf).  Its root is a tmpfs + pivot_root with overlayfs mounts: the fixture
# layer on top of the real /etc /var /usr /opt /srv /boot (writes go to a private upper dir, never to the
# machine), fixture-only /root and /home, fresh /proc, tmpfs /run and /tmp, /dev and /sys bound.
# Stand-ins (kernel audit is global, systemd is not PID 1 here): /usr/sbin/auditctl prints the host's
# captured `auditctl -l` (hosts/<h>/captured/, see capture-audit.sh) and its `auditctl -s` (only where the
# fixture has auditd installed); /usr/bin/systemctl answers from the host's services table; /proc/cmdline,
# timedatectl and chronyc print the host's standin/ files (the kernel's clock and command line are global).
#
# Fixture: hosts/<name>/
#   host.conf        index N | inherit OTHER | sudo yes|no | service UNIT ACTIVE ENABLED | proc NAME |
#                    absent_package PKG | audit_enabled 0|1|2 | loginuid_immutable 0|1 locked|unlocked |
#                    mode MODE OWNER:GROUP /path (git keeps no modes; inherited) |
#                    pam_standin MODULE.so (pam_permit copied under that name: a module Debian lacks) |
#                    fresh /path (mtime set when the host is staged: a log being written; inherited) |
#                    dated /path (each @AGO:<seconds>@ in the file becomes that many seconds before
#                    staging, in RFC 3339 as Debian 12's rsyslog writes it: log lines stay recent) |
#                    rootfile /NAME (an empty file at the host's root, e.g. /.dockerenv; inherited)
#                    user NAME SHELL [nopasswd|password] (an extra login with the client key; sudo rule) |
#                    inventory no (left out of run/inventory.yaml: fault-injection hosts)
#   etc/ var/ usr/ root/ home/ ...  files overlaid on the real tree (only what differs from Debian 12)
#   .fleet-opaque    (file in a dir)  that dir shows only fixture content
#   .fleet-whiteout  (file in a dir)  names listed in it are absent in the host's view
#   captured/        auditctl-l.txt, auditctl-s.txt, audit.rules from capture-audit.sh (committed)
#   standin/         per-host outputs of tools that read machine-global state (inherited; each cites its source):
#                    cmdline (-> /proc/cmdline), chronyc-tracking.txt (chrony "installed": /usr/bin/chronyc),
#                    timedatectl-show.txt; @NOW@/@REFTIME@ are replaced by the host's clock when printed
#
# Outputs ($AUDITGAP_FLEET_DIR, default /tmp/auditgap-testfleet):
#   run/inventory.yaml, run/known_hosts, keys/id_ed25519 (client key), cache/hostkeys/<h>/ (stable host keys)
# env: AUDITGAP_FLEET_DIR AUDITGAP_FLEET_HOSTS AUDITGAP_FLEET_NET (default 127.77.0) AUDITGAP_FLEET_TIMEOUT
set -u
SELF=$(readlink -f "$0")
HERE=$(dirname "$SELF")
FLEET_DIR=${AUDITGAP_FLEET_DIR:-/tmp/auditgap-testfleet}
HOSTS=${AUDITGAP_FLEET_HOSTS:-$HERE/hosts}
NET=${AUDITGAP_FLEET_NET:-127.77.0}
RUN=$FLEET_DIR/run
CACHE=$FLEET_DIR/cache
KEYS=$FLEET_DIR/keys
TEST_USER=auditor
TEST_UID=1990
PY=/usr/bin/python3
export FLEET_DIR HOSTS NET RUN CACHE KEYS

log() { echo "[fleet] $*" >&2; }
die() { log "ERROR: $*"; exit 1; }
[ "$(id -u)" = 0 ] || die "must run as root"

conf() { awk -v k="$2" '$1==k{$1=""; sub(/^ /,""); print; exit}' "$HOSTS/$1/host.conf" 2>/dev/null; }
conf_all() { awk -v k="$2" '$1==k{$1=""; sub(/^ /,""); print}' "$HOSTS/$1/host.conf" 2>/dev/null; }
conf_chain() { local b; b=$(conf "$1" inherit); [ -n "$b" ] && conf_chain "$b" "$2"; conf_all "$1" "$2"; }  # inherited first
host_ip() { echo "$NET.$(conf "$1" index)"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN{printf "%.2f", b-a}'; }

close_inherited() {   # close every descriptor above stderr of this (sub)shell
  local fd
  for fd in /proc/$BASHPID/fd/*; do
    fd=${fd##*/}
    [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"
  done
  return 0
}

# ------------------------------------------------------------------ stand-ins (copied into run/standins)
write_standins() {
  mkdir -p "$RUN/standins"
  cat > "$RUN/standins/sshd-vendordir" <<'EOF'
#!/bin/sh
# auditgap fleet stand-in: openSUSE's sshd start-up rule on Debian's sshd (copied to /run/fleet/bin/sshd):
# without -f, /usr/etc/ssh/sshd_config when /etc/ssh/sshd_config does not exist (openssh-8.4p1-vendordir.patch)
for a in "$@"; do [ "$a" = -f ] && exec /run/fleet/bin/sshd "$@"; done
if [ ! -e /etc/ssh/sshd_config ] && [ -e /usr/etc/ssh/sshd_config ]; then
  exec /run/fleet/bin/sshd -f /usr/etc/ssh/sshd_config "$@"
fi
exec /run/fleet/bin/sshd "$@"
EOF
  chmod 755 "$RUN/standins/sshd-vendordir"
  cat > "$RUN/standins/auditctl" <<'EOF'
#!/bin/bash
# auditgap fleet stand-in for auditctl 3.0.9 (read-only): kernel audit is global to the machine, so each
# host prints its own state captured from the real tool (hosts/<h>/captured, see capture-audit.sh).
# Built-ins only: one process per call, as the real auditctl (no `id`, `cat` or `grep` of its own).
S=/run/fleet
out() {   # the file's bytes, as cat prints them
  local l
  mapfile l < "$1" 2>/dev/null || { echo "cat: $1: No such file or directory" >&2; return 1; }
  printf '%s' "${l[@]}"
}
if [ "$EUID" != 0 ]; then echo "You must be root to run this program." >&2; exit 4; fi
case "${1:-}" in
  -l) [ $# = 1 ] || { echo "auditgap fleet stand-in: unsupported: $*" >&2; exit 1; }; out "$S/auditctl-l.txt" ;;
  -s) out "$S/auditctl-s.txt" ;;
  -v) echo "auditctl version 3.0.9" ;;
  "") echo "usage: auditctl [options]"; exit 0 ;;
  *) mapfile -t st < "$S/auditctl-s.txt" 2>/dev/null
     for l in "${st[@]}"; do
       [ "$l" = "enabled 2" ] && { echo "The audit system is in immutable mode, no rule changes allowed" >&2; exit 255; }
     done
     echo "auditgap fleet stand-in: unsupported: $*" >&2; exit 1 ;;
esac
EOF
  cat > "$RUN/standins/systemctl" <<'EOF'
#!/bin/bash
# auditgap fleet stand-in for systemctl (systemd 252): unit states from /run/fleet/services
# ("unit active-state unit-file-state", one per line); MainPID from /run/fleet/pids/<unit>.
S=/run/fleet/services
value=0; quiet=0; props=""; args=()
while [ $# -gt 0 ]; do case "$1" in
  -q|--quiet) quiet=1 ;; --value) value=1 ;; -p|--property) props="$props,$2"; shift ;; --property=*) props="$props,${1#*=}" ;;
  --no-pager|--no-legend|--plain|--full|-l|--system|--all|-a|--type=*|--state=*) ;;
  --version) echo "systemd 252 (252.38-1~deb12u1)"; exit 0 ;;
  *) args+=("$1") ;; esac; shift; done
set -- "${args[@]}"; verb=${1:-list-units}; shift || true
# the table is read once and looked up with built-ins (no subshell per unit): one process per call,
# as the real systemctl
declare -A ACT=() ENA=(); while read -r n a e _; do [ -n "$n" ] && { ACT[$n]=$a; ENA[$n]=${e:-}; }; done < "$S"
unit_of() { U=${1%.service}; case $U in sshd) U=ssh ;; syslog) U=rsyslog ;;
  chronyd) [ -n "${ACT[chrony]+x}" ] && U=chrony ;; esac; }   # Debian: Alias=chronyd.service
unit() { unit_of "$1"; echo "$U"; }
get() { if [ -z "${ACT[$1]+x}" ]; then echo -; elif [ "$2" = 2 ]; then echo "${ACT[$1]}"; else echo "${ENA[$1]}"; fi; }
frag_of() { F=""; local f; for f in /etc/systemd/system/$1.service /lib/systemd/system/$1.service; do [ -f "$f" ] && { F=$f; return; }; done; }
frag() { local f; for f in /etc/systemd/system/$1.service /lib/systemd/system/$1.service; do [ -f "$f" ] && { echo "$f"; return; }; done; }
case "$verb" in
  is-active) rc=3; for u in "$@"; do a=$(get "$(unit "$u")" 2); [ "$a" = - ] && a=inactive
               [ $quiet = 1 ] || echo "$a"; [ "$a" = active ] && rc=0; done; exit $rc ;;
  is-enabled) rc=1; for u in "$@"; do n=$(unit "$u"); e=$(get "$n" 3)
               if [ "$e" = - ]; then echo "Failed to get unit file state for $n.service: No such file or directory" >&2; continue; fi
               [ $quiet = 1 ] || echo "$e"; case $e in enabled|static|alias|enabled-runtime) rc=0 ;; esac; done; exit $rc ;;
  show) first=1
        for u in "${@:-}"; do unit_of "$u"; n=$U; a=${ACT[$n]--}; e=${ENA[$n]--}; frag_of "$n"; f=$F
          load=loaded; if [ "$a" = - ]; then a=inactive; e=""; load=not-found; f=""; fi
          sub=dead; [ "$a" = active ] && sub=running; [ "$a" = failed ] && sub=failed
          pid=0; [ "$a" = active ] && { read -r pid < "/run/fleet/pids/$n" || pid=0; } 2>/dev/null
          [ $first = 1 ] || echo; first=0
          # properties in systemd's order (Service interface first, then Unit), like `systemctl show -p`
          for p in MainPID Result Id Names LoadState ActiveState SubState FragmentPath UnitFileState UnitFilePreset; do
            case ",$props," in *",$p,"*) ;; ,,) ;; *) continue ;; esac
            case $p in MainPID) v=$pid ;; Result) v=success ;; Id|Names) v=$n.service ;; LoadState) v=$load ;;
              ActiveState) v=$a ;; SubState) v=$sub ;; FragmentPath) v=$f ;; UnitFileState) v=$e ;;
              UnitFilePreset) [ $load = loaded ] && v=enabled || v="" ;; esac
            if [ $value = 1 ]; then echo "$v"; else echo "$p=$v"; fi
          done; done ;;
  cat) rc=0; for u in "$@"; do n=$(unit "$u"); f=$(frag "$n")
         if [ -z "$f" ]; then echo "No files found for $n.service." >&2; rc=1; continue; fi
         echo "# $f"; cat "$f"
         for d in /etc/systemd/system/$n.service.d/*.conf /run/systemd/system/$n.service.d/*.conf; do
           [ -f "$d" ] && { echo; echo "# $d"; cat "$d"; }; done; done; exit $rc ;;
  status) rc=0; for u in "$@"; do n=$(unit "$u"); a=$(get "$n" 2); e=$(get "$n" 3)
            if [ "$a" = - ]; then echo "Unit $n.service could not be found." >&2; rc=4; continue; fi
            printf '* %s.service\n     Loaded: loaded (%s; %s; preset: enabled)\n     Active: %s\n' "$n" "$(frag "$n")" "$e" "$a"
            [ "$a" = active ] || rc=3; done; exit $rc ;;
  list-units) awk '{s=($2=="active")?"running":"dead"; printf "%s.service loaded %s %s\n",$1,$2,s}' "$S" ;;
  list-unit-files) awk '{printf "%s.service %s enabled\n",$1,$3}' "$S" ;;
  is-system-running) echo running ;;
  *) echo "auditgap fleet stand-in: unsupported: systemctl $verb $*" >&2; exit 1 ;;
esac
EOF
  cat > "$RUN/standins/timedatectl" <<'EOF'
#!/bin/sh
# auditgap fleet stand-in for timedatectl (systemd 252): timedated needs systemd as PID 1, so each host
# prints its own /run/fleet/timedatectl-show.txt (hosts/<h>/standin/, sources in the fixture README);
# without one, what the real tool prints in a host not booted with systemd.
S=/run/fleet/timedatectl-show.txt
case "${1:-status}" in
  show) if [ -f "$S" ]; then sed "s/@NOW@/$(date '+%a %Y-%m-%d %H:%M:%S %Z')/" "$S"; exit 0; fi ;;
  --version) echo "systemd 252 (252.38-1~deb12u1)"; exit 0 ;;
esac
echo "System has not been booted with systemd as init system (PID 1). Can't operate." >&2
echo "Failed to connect to bus: Host is down" >&2
exit 1
EOF
  cat > "$RUN/standins/chronyc" <<'EOF'
#!/bin/bash
# auditgap fleet stand-in for chronyc 4.3 (installed as /usr/bin/chronyc only on hosts with a
# standin/chronyc-tracking.txt): the host's chronyd is a fake process, so `tracking` prints the host's
# file (built from chronyc(1)'s example, sources in the fixture README); Ref time = 37 s ago.
# Built-ins only: one process per call, as the real chronyc (no `date` or `sed` of its own).
S=/run/fleet/chronyc-tracking.txt
while [ $# -gt 0 ]; do case "$1" in -n|-c|-m|-a|-4|-6) shift ;; -h|-p) shift 2 ;; *) break ;; esac; done
case "${1:-}" in
  tracking) TZ=UTC0 printf -v ref '%(%a %b %d %H:%M:%S %Y)T' $((EPOCHSECONDS - 37))
            mapfile lines < "$S" || exit 1
            for l in "${lines[@]}"; do printf '%s' "${l/@REFTIME@/$ref}"; done ;;
  -v|--version) echo "chronyc (chrony) version 4.3 (+READLINE +SECHASH +IPV6 -DEBUG)" ;;
  *) echo "auditgap fleet stand-in: unsupported: chronyc $*" >&2; exit 1 ;;
esac
EOF
  chmod 755 "$RUN/standins/auditctl" "$RUN/standins/systemctl" "$RUN/standins/timedatectl" "$RUN/standins/chronyc"
}

# ------------------------------------------------------------------ staging (outside the host)
hostkeys() {   # cached per-host host keys -> stable fingerprints across up/down
  local d="$CACHE/hostkeys/$1" t
  mkdir -p "$d"
  for t in ed25519 ecdsa rsa; do
    [ -f "$d/ssh_host_${t}_key" ] || ssh-keygen -q -t "$t" -N '' -C "root@$1" -f "$d/ssh_host_${t}_key" </dev/null
  done
}

copy_fixture() {  # fixture files (and those of the fixture it inherits) -> layer
  local h=$1 L=$2 b
  b=$(conf "$h" inherit); [ -n "$b" ] && copy_fixture "$b" "$L"
  (cd "$HOSTS/$h" && find . -mindepth 1 -maxdepth 1 ! -name host.conf ! -name captured ! -name capture ! -name standin ! -name 'README*' \
      -exec cp -a -t "$L" {} +)
}
captured() {   # first captured/<file> along the inherit chain (or standin/<file>: captured h f standin)
  local h=$1 f=$2 d=${3:-captured} b
  [ -f "$HOSTS/$h/$d/$f" ] && { echo "$HOSTS/$h/$d/$f"; return; }
  b=$(conf "$h" inherit); [ -n "$b" ] && captured "$b" "$f" "$d"
}

stage() {
  local h=$1 r="$RUN/$1" L="$RUN/$1/layer" ip sudo
  ip=$(host_ip "$h"); sudo=$(conf "$h" sudo)
  rm -rf "$r"; mkdir -p "$L" "$r/state/pids" "$r/upper" "$r/ovlwork"
  copy_fixture "$h" "$L"
  mkdir -p "$L/etc/ssh/sshd_config.d" "$L/etc/sudoers.d" "$L/root/.ssh" "$L/home/$TEST_USER/.ssh"
  # sshd: Debian's shipped sshd_config (the live /etc may be edited) unless the fixture brings one;
  # drop-ins only from the fixture; host keys from the cache
  # a fixture that hides /etc/ssh/sshd_config and brings /usr/etc/ssh/sshd_config (openSUSE's vendor
  # directory) runs on that one, like openSUSE's sshd does (see the sshd stand-in in hostinit)
  local main="$L/etc/ssh/sshd_config"
  if [ ! -f "$main" ] && [ -f "$L/usr/etc/ssh/sshd_config" ] && grep -qx sshd_config "$L/etc/ssh/.fleet-whiteout" 2>/dev/null; then
    main="$L/usr/etc/ssh/sshd_config"
  fi
  [ -f "$main" ] || cp /usr/share/openssh/sshd_config "$main"
  touch "$L/etc/ssh/sshd_config.d/.fleet-opaque"
  cp -p "$CACHE/hostkeys/$h"/ssh_host_* "$L/etc/ssh/"
  chmod 600 "$L"/etc/ssh/ssh_host_*_key; chmod 644 "$L"/etc/ssh/ssh_host_*_key.pub
  grep -viE '^[[:space:]]*(Port|ListenAddress)[[:space:]]' "$main" > "$r/state/sshd_config.run"
  # identity: hostname, hosts (sudo resolves the host name), users
  [ -f "$L/etc/hostname" ] || echo "$h" > "$L/etc/hostname"
  [ -f "$L/etc/hosts" ] || printf '127.0.0.1\tlocalhost\n127.0.1.1\t%s\n\n::1\tlocalhost ip6-localhost ip6-loopback\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n' "$h" > "$L/etc/hosts"
  for db in passwd group shadow gshadow; do [ -f "$L/etc/$db" ] || cp -p "/etc/$db" "$L/etc/$db"; done
  grep -q "^$TEST_USER:" "$L/etc/passwd"  || echo "$TEST_USER:x:$TEST_UID:$TEST_UID:auditgap scan user:/home/$TEST_USER:/bin/bash" >> "$L/etc/passwd"
  grep -q "^$TEST_USER:" "$L/etc/group"   || echo "$TEST_USER:x:$TEST_UID:" >> "$L/etc/group"
  grep -q "^$TEST_USER:" "$L/etc/shadow"  || echo "$TEST_USER:*:20000:0:99999:7:::" >> "$L/etc/shadow"   # key-only
  grep -q "^$TEST_USER:" "$L/etc/gshadow" || echo "$TEST_USER:!::" >> "$L/etc/gshadow"
  # extra logins (host.conf "user NAME SHELL [nopasswd|password]"): key-only, uid 1991 and up
  local uid=1991 un ush usudo
  while read -r un ush usudo; do
    [ -n "$un" ] || continue
    echo "$un:x:$uid:$uid:auditgap fault user:/home/$un:$ush" >> "$L/etc/passwd"
    echo "$un:x:$uid:" >> "$L/etc/group"; echo "$un:*:20000:0:99999:7:::" >> "$L/etc/shadow"; echo "$un:!::" >> "$L/etc/gshadow"
    mkdir -p "$L/home/$un/.ssh"; cp -n /etc/skel/.bashrc /etc/skel/.profile "$L/home/$un/" 2>/dev/null
    cp "$KEYS/id_ed25519.pub" "$L/home/$un/.ssh/authorized_keys"
    echo "$un:$uid" >> "$r/state/users"; uid=$((uid + 1))
    case $usudo in nopasswd) echo "$un ALL=(ALL:ALL) NOPASSWD: ALL" ;; password) echo "$un ALL=(ALL:ALL) ALL" ;; *) continue ;; esac \
      > "$L/etc/sudoers.d/91-auditgap-$un"
  done < <(conf_all "$h" user)
  # sudo: only the fixture's drop-ins (+ the package README), NOPASSWD for the scan user where sudo=yes
  touch "$L/etc/sudoers.d/.fleet-opaque"; cp -p /etc/sudoers.d/README "$L/etc/sudoers.d/" 2>/dev/null
  [ "$sudo" = no ] || echo "$TEST_USER ALL=(ALL:ALL) NOPASSWD: ALL" > "$L/etc/sudoers.d/90-auditgap-$TEST_USER"
  # homes (fixture-only /root and /home): skel + the fleet's client key
  cp -n /etc/skel/.bashrc /etc/skel/.profile "$L/root/" 2>/dev/null
  cp -n /etc/skel/.bashrc /etc/skel/.profile /etc/skel/.bash_logout "$L/home/$TEST_USER/" 2>/dev/null
  cp "$KEYS/id_ed25519.pub" "$L/root/.ssh/authorized_keys"
  cp "$KEYS/id_ed25519.pub" "$L/home/$TEST_USER/.ssh/authorized_keys"
  # audit: captured state of the last load; /etc/audit/audit.rules = what augenrules wrote then
  local f; f=$(captured "$h" audit.rules)
  if [ -n "$f" ] && [ -d "$L/etc/audit" ]; then cp "$f" "$L/etc/audit/audit.rules"; fi
  f=$(captured "$h" auditctl-l.txt); [ -n "$f" ] && cp "$f" "$r/state/auditctl-l.txt"
  f=$(captured "$h" auditctl-s.txt)
  if [ -n "$f" ]; then
    local en li; en=$(conf "$h" audit_enabled); li=$(conf "$h" loginuid_immutable)
    # a load cannot show these (-e 2 / --loginuid-immutable would lock the real kernel): set per host
    awk -v en="${en:-1}" -v li="${li:-0 unlocked}" '
      $1=="enabled"{$2=en} $1=="pid"{$2="@AUDITD_PID@"} $1=="lost"||$1=="backlog"{$2=0}
      $1=="loginuid_immutable"{$0="loginuid_immutable " li} {print}' "$f" > "$r/state/auditctl-s.txt"
  fi
  # stand-ins for machine-global state: boot command line, clock synchronisation (hosts/<h>/standin/)
  local sf; for f in cmdline timedatectl-show.txt chronyc-tracking.txt; do
    sf=$(captured "$h" "$f" standin); [ -n "$sf" ] && cp "$sf" "$r/state/$f"
  done
  if [ -f "$r/state/chronyc-tracking.txt" ]; then mkdir -p "$L/usr/bin"; cp "$RUN/standins/chronyc" "$L/usr/bin/chronyc"; fi
  # services (ssh = this sshd, PID 1) and fake daemon processes
  { echo "ssh active enabled"; echo "systemd-journald active static"; conf_all "$h" service; } |
    awk '{s[$1]=$0; if(!($1 in o)){o[$1]=n++; k[n-1]=$1}} END{for(i=0;i<n;i++) print s[k[i]]}' > "$r/state/services"
  # every unit of the table has a unit file, as its package ships one (the collector asks systemd only
  # about units with a file in its unit paths), whatever this machine has installed; an enabled unit
  # whose Debian file declares an Alias= also has the link `systemctl enable` makes
  local u st en a; while read -r u st en _; do
    case $u in ''|ssh|systemd-journald) continue ;; esac
    if [ ! -e "$L/usr/lib/systemd/system/$u.service" ] && [ ! -e "$L/etc/systemd/system/$u.service" ]; then
      mkdir -p "$L/usr/lib/systemd/system"
      printf '# auditgap fleet: stands in for the unit file of the package (systemctl answers from the services table)\n[Service]\nExecStart=/usr/sbin/%s\n' "$u" > "$L/usr/lib/systemd/system/$u.service"
    fi
    case $u:$en in chrony:enabled) a=chronyd ;; rsyslog:enabled) a=syslog ;; *) a= ;; esac
    [ -z "$a" ] || { mkdir -p "$L/etc/systemd/system"; ln -sfn "/lib/systemd/system/$u.service" "$L/etc/systemd/system/$a.service"; }
  done < "$r/state/services"
  { conf_all "$h" proc
    awk '$2=="active"{m["auditd"]="auditd"; m["rsyslog"]="rsyslogd"; m["cron"]="cron"; m["systemd-journald"]="systemd-journald"
         m["chrony"]="chronyd"; m["chronyd"]="chronyd"; m["systemd-timesyncd"]="systemd-timesyn"
         if($1 in m) print m[$1]}' "$r/state/services"; } | sort -u > "$r/state/procs"
  conf_all "$h" absent_package > "$r/state/absent"
  # ownership and modes: git keeps neither; use Debian's (etc/audit 0750 + files 0640, sudoers.d 0440)
  chown -R root:root "$L"
  [ -d "$L/etc/audit" ] && { find "$L/etc/audit" -type d -exec chmod 750 {} +; find "$L/etc/audit" -type f -exec chmod 640 {} +; }
  chmod 440 "$L"/etc/sudoers.d/*; chmod 644 "$L/etc/sudoers.d/README" 2>/dev/null; chmod 640 "$L/etc/shadow" "$L/etc/gshadow"
  chown root:shadow "$L/etc/shadow" "$L/etc/gshadow"
  # PAM modules the distro ships but Debian lacks (RHEL's pam_sss from sssd-client): pam_permit copies
  for m in $(conf_chain "$h" pam_standin); do
    p=$(ls -d /usr/lib/*-linux-gnu*/security 2>/dev/null | head -n1); [ -n "$p" ] || continue
    mkdir -p "$L$p"; cp /usr/lib/*-linux-gnu*/security/pam_permit.so "$L$p/$m"; chmod 644 "$L$p/$m"
  done
  # per-file modes of the fixture (host.conf "mode MODE OWNER:GROUP /path", inherited first)
  local m o p; while read -r m o p; do [ -n "$p" ] && [ -e "$L$p" ] && chmod "$m" "$L$p" && chown "$o" "$L$p"; done < <(conf_chain "$h" mode)
  # logs being written: mtime = staging time (host.conf "fresh /path", inherited)
  while read -r p; do [ -n "$p" ] && [ -e "$L$p" ] && touch "$L$p"; done < <(conf_chain "$h" fresh)
  while read -r p; do [ -n "$p" ] && [ -f "$L$p" ] && "$PY" -c 'import datetime as d, re, sys
p = sys.argv[1]; now = d.datetime.now(d.timezone.utc); s = open(p).read()
f = lambda m: (now - d.timedelta(seconds=int(m.group(1)))).isoformat(timespec="microseconds")
open(p, "w").write(re.sub(r"@AGO:(\d+)@", f, s))' "$L$p"; done < <(conf_chain "$h" dated)
  [ -f "$L/usr/bin/chronyc" ] && chmod 755 "$L/usr/bin/chronyc"
  chmod 700 "$L/root" "$L/root/.ssh" "$L/home/$TEST_USER/.ssh"; chmod 600 "$L/root/.ssh/authorized_keys" "$L/home/$TEST_USER/.ssh/authorized_keys"
  chmod 755 "$L/home"; chmod 750 "$L/home/$TEST_USER"; chown -R "$TEST_UID:$TEST_UID" "$L/home/$TEST_USER"
  local ent; for ent in $(cat "$r/state/users" 2>/dev/null); do
    chmod 700 "$L/home/${ent%%:*}/.ssh"; chown -R "${ent#*:}:${ent#*:}" "$L/home/${ent%%:*}"; done
  echo "$ip" > "$r/ip"
  printf '%02X%02X%02X%02X:0016\n' $(echo "$ip" | awk -F. '{print $4, $3, $2, $1}') > "$r/lhex"
  # markers -> overlayfs xattrs/whiteouts; absent packages -> whiteouts + dpkg status without them
  "$PY" "$HERE/layer.py" "$L" "$r/state/absent" "$CACHE" || die "$h: layer.py failed"
}

# ------------------------------------------------------------------ inside a host (PID 1 of its namespaces)
hostinit() {
  local h=$1 r="$RUN/$1" L="$RUN/$1/layer" NR="$RUN/$1/newroot" d lower ip
  ip=$(cat "$r/ip")
  set -e
  hostname "$h"
  mkdir -p "$NR"
  mount -t tmpfs -o mode=755,size=1m "fleet-$h-root" "$NR"
  for d in bin sbin lib lib32 lib64 libx32; do [ -L "/$d" ] && cp -P "/$d" "$NR/$d"; done
  for d in etc var usr opt srv boot root home; do
    mkdir -p "$NR/$d" "$r/upper/$d" "$r/ovlwork/$d" "$L/$d"
    if [ "$d" = root ] || [ "$d" = home ]; then lower="$L/$d"      # never the machine's /root or /home
    elif [ -d "/$d" ]; then lower="$L/$d:/$d"; else lower="$L/$d"; fi
    mount -t overlay "fleet-$h-$d" -o "lowerdir=$lower,upperdir=$r/upper/$d,workdir=$r/ovlwork/$d" "$NR/$d"
  done
  mkdir -p "$NR/proc" "$NR/sys" "$NR/dev" "$NR/run" "$NR/tmp"
  # markers at the root, which is the host's own tmpfs (host.conf "rootfile /.dockerenv")
  for d in $(conf_chain "$h" rootfile); do case $d in /*/*|*..*) ;; /?*) : > "$NR$d" ;; esac; done
  mount -t proc proc "$NR/proc"
  # the kernel command line is the machine's: a host with standin/cmdline shows its own (as lxcfs does for
  # /proc/meminfo), read-only like the real file
  if [ -f "$r/state/cmdline" ]; then mount --bind "$r/state/cmdline" "$NR/proc/cmdline"; mount -o remount,bind,ro "$NR/proc/cmdline"; fi
  mount --rbind /dev "$NR/dev"
  mount --rbind /sys "$NR/sys"
  mount -t tmpfs -o mode=755,size=8m "fleet-$h-run" "$NR/run"
  mount -t tmpfs -o mode=1777,size=16m "fleet-$h-tmp" "$NR/tmp"
  # stand-ins only where the host has the real tool (a fixture without auditd has no auditctl at all)
  [ -e "$NR/usr/sbin/auditctl" ] && [ -f "$r/state/auditctl-l.txt" ] && mount --bind "$RUN/standins/auditctl" "$NR/usr/sbin/auditctl"
  [ -e "$NR/usr/bin/systemctl" ] && mount --bind "$RUN/standins/systemctl" "$NR/usr/bin/systemctl"
  [ -e "$NR/usr/bin/timedatectl" ] && mount --bind "$RUN/standins/timedatectl" "$NR/usr/bin/timedatectl"
  # pam_tty_audit needs the kernel audit socket: stand in pam_permit so a fixture enabling it can log in
  for m in "$NR"/usr/lib/*/security/pam_tty_audit.so; do [ -e "$m" ] && mount --bind "${m%/*}/pam_permit.so" "$m"; done
  mkdir -m 755 "$NR/run/sshd" "$NR/run/fleet" "$NR/run/fleet/bin" "$NR/run/lock"
  # the systemctl stand-in answers as a running systemd, which as PID 1 makes this directory (the
  # test of sd_booted(3), and of the collector before it asks systemctl is-enabled)
  [ -e "$NR/usr/bin/systemctl" ] && mkdir -p "$NR/run/systemd/system"
  # openSUSE's sshd (openssh-8.4p1-vendordir.patch) reads /usr/etc/ssh/sshd_config when /etc/ssh has no
  # sshd_config and no -f is given; Debian's does not: a wrapper adds that one rule
  if [ -f "$NR/usr/etc/ssh/sshd_config" ] && [ ! -e "$NR/etc/ssh/sshd_config" ]; then
    cp /usr/sbin/sshd "$NR/run/fleet/bin/sshd"
    mount --bind "$RUN/standins/sshd-vendordir" "$NR/usr/sbin/sshd"
  fi
  cp -a "$r/state/." "$NR/run/fleet/"
  cd "$NR"; mkdir .oldroot; pivot_root . .oldroot; cd /
  umount -l /.oldroot; rmdir /.oldroot
  set +e
  local p pid=0
  for p in $(cat /run/fleet/procs); do
    ln -sf /usr/bin/sleep "/run/fleet/bin/$p"            # comm = link name: ps/pgrep/pidof see "$p"
    ( exec -a "/usr/sbin/$p" "/run/fleet/bin/$p" infinity ) </dev/null >/dev/null 2>&1 &
    case $p in auditd) echo $! > /run/fleet/pids/auditd; pid=$! ;; rsyslogd) echo $! > /run/fleet/pids/rsyslog ;;
      chronyd) echo $! > /run/fleet/pids/chronyd; echo $! > /run/fleet/pids/chrony ;;
      *) echo $! > "/run/fleet/pids/$p" ;; esac
  done
  echo 1 > /run/fleet/pids/ssh
  [ -f /run/fleet/auditctl-s.txt ] && sed -i "s/@AUDITD_PID@/$pid/" /run/fleet/auditctl-s.txt
  chmod 644 /run/fleet/services; chmod 600 /run/fleet/auditctl-*.txt 2>/dev/null
  # with the small environment an init system gives a daemon, not the caller's (a test runner's or
  # the benchmark's): sshd's process title overwrites its environment block, which /proc/1/environ
  # then shows, and systemd-detect-virt reads PID 1's environment byte by byte (1.7 KB of the
  # caller's cost about 3 ms more per run than a real host's PID 1)
  exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    /usr/sbin/sshd -D -e -f /run/fleet/sshd_config.run -o "ListenAddress=$ip:22"
}

# ------------------------------------------------------------------ commands
all_hosts() {   # fixture names, in address (index) order
  local d; for d in "$HOSTS"/*/host.conf; do d=$(dirname "$d"); echo "$(conf "${d##*/}" index) ${d##*/}"; done | sort -n | cut -d' ' -f2
}
running() {   # host's unshare process alive and its ns PID 1 still in the recorded pid namespace
  local r="$RUN/$1" p
  [ -f "$r/nspid" ] || return 1; p=$(cat "$r/nspid")
  [ "$(readlink "/proc/$p/ns/pid" 2>/dev/null)" = "$(cat "$r/pidns" 2>/dev/null)" ]
}
not_listening() { awk '$4=="0A"{print $2}' /proc/net/tcp > "$RUN/.listen"; local h; for h in "$@"; do grep -qx "$(cat "$RUN/$h/lhex")" "$RUN/.listen" || echo "$h"; done; }

write_outputs() {
  local h ip inv="$RUN/inventory.yaml"
  : > "$RUN/known_hosts.tmp"
  { echo "defaults:"; echo "  user: $TEST_USER"; echo "  identity_file: $KEYS/id_ed25519"
    echo "  known_hosts: $RUN/known_hosts"; echo "  sudo: true"; echo "hosts:"; } > "$inv.tmp"
  for h in $(all_hosts); do
    running "$h" || continue
    ip=$(cat "$RUN/$h/ip")
    awk -v a="$ip" '{print a, $1, $2}' "$CACHE/hostkeys/$h"/ssh_host_*_key.pub >> "$RUN/known_hosts.tmp"
    [ "$(conf "$h" inventory)" = no ] && continue
    if [ "$(conf "$h" sudo)" = no ]; then echo "  $h: {address: $ip, port: 22, sudo: false}"
    else echo "  $h: {address: $ip, port: 22}"; fi >> "$inv.tmp"
  done
  mv "$inv.tmp" "$inv"; mv "$RUN/known_hosts.tmp" "$RUN/known_hosts"
}

cmd_up() {
  local t0 t1 t2 h names=() start=() pending
  t0=$(now)
  [ -f "$KEYS/id_ed25519" ] || { mkdir -p "$KEYS"; ssh-keygen -q -t ed25519 -N '' -C auditgap-testfleet -f "$KEYS/id_ed25519" </dev/null; }
  mkdir -p "$RUN"
  if [ $# = 0 ]; then mapfile -t names < <(all_hosts); else names=("$@"); fi
  for h in "${names[@]}"; do
    [ -f "$HOSTS/$h/host.conf" ] || die "no fixture $HOSTS/$h"
    if running "$h"; then log "$h already up"; else start+=("$h"); fi
  done
  # duplicate addresses would make two sshds fight for one socket
  [ "$(for h in $(all_hosts); do conf "$h" index; done | sort | uniq -d)" = "" ] || die "duplicate index in host.conf"
  if [ ${#start[@]} -gt 0 ]; then
    write_standins
    printf '%s\n' "${start[@]}" | xargs -P "$(nproc)" -n1 "$SELF" _hostkeys
    printf '%s\n' "${start[@]}" | xargs -P "$(nproc)" -n1 "$SELF" _stage || die "staging failed"
    t1=$(now)
    for h in "${start[@]}"; do
      # a host outlives this command: it must not keep the caller's other descriptors open (e.g. the
      # file a `flock FILE fleet.sh up` or `flock FILE bench/scan/run.sh` holds, which would stay locked)
      ( close_inherited; exec setsid unshare --mount --uts --pid --fork --kill-child --mount-proc --propagation private \
        "$SELF" _hostinit "$h" ) </dev/null >>"$RUN/$h/init.log" 2>&1 &
      echo $! > "$RUN/$h/pid"
    done
    pending=("${start[@]}"); local deadline=$(( $(date +%s) + ${AUDITGAP_FLEET_TIMEOUT:-60} ))
    while [ ${#pending[@]} -gt 0 ]; do
      mapfile -t pending < <(not_listening "${pending[@]}")
      [ ${#pending[@]} = 0 ] && break
      [ "$(date +%s)" -ge $deadline ] && { for h in "${pending[@]}"; do log "$h: not listening; init.log:"; tail -5 "$RUN/$h/init.log" >&2; done; break; }
      sleep 0.05
    done
    t2=$(now)
    for h in "${start[@]}"; do   # record ns PID 1 (sshd) and its pid-namespace inode: down signals only that
      local c; c=$(cat "/proc/$(cat "$RUN/$h/pid")/task/"*/children 2>/dev/null | awk '{print $1}')
      [ -n "$c" ] && { echo "$c" > "$RUN/$h/nspid"; readlink "/proc/$c/ns/pid" > "$RUN/$h/pidns"; }
    done
    log "up: ${#start[@]} started (stage $(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.2f", b-a}')s, start->listening $(awk -v a="$t1" -v b="$t2" 'BEGIN{printf "%.2f", b-a}')s)"
    [ ${#pending[@]} = 0 ] || { write_outputs; die "not listening: ${pending[*]}"; }
  fi
  write_outputs
  log "up: $(grep -c '{address' "$RUN/inventory.yaml") hosts up, total $(since "$t0")s"
  log "inventory: $RUN/inventory.yaml  known_hosts: $RUN/known_hosts  key: $KEYS/id_ed25519"
}

cmd_down() {
  local t0 d h p n=0 pids=() t
  t0=$(now)
  [ -d "$RUN" ] || { log "down: nothing to do"; return 0; }
  for d in "$RUN"/*/; do
    h=$(basename "$d"); [ -f "$d/pid" ] || continue
    # unshare --fork ignores SIGTERM: TERM the host's PID 1 (its sshd), verified by pid-ns inode, never by
    # name; when it exits the kernel kills the rest of that pid namespace and unshare returns.
    if running "$h"; then kill -TERM "$(cat "$d/nspid")" 2>/dev/null; n=$((n+1)); fi
    pids+=("$(cat "$d/pid")")
  done
  for t in $(seq 100); do
    local alive=0; for p in "${pids[@]}"; do [ -d "/proc/$p" ] && [ "$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null)" != Z ] && alive=1; done
    [ $alive = 0 ] && break; sleep 0.05
  done
  # stragglers: anything still in one of our pid namespaces (by ns inode), then our unshare parents (by pid)
  local -A ns=(); for d in "$RUN"/*/; do [ -f "$d/pidns" ] && ns[$(cat "$d/pidns")]=1; done
  if [ ${#ns[@]} -gt 0 ]; then
    for p in /proc/[0-9]*; do l=$(readlink "$p/ns/pid" 2>/dev/null) && [ -n "${ns[$l]:-}" ] && kill -KILL "${p#/proc/}" 2>/dev/null; done
  fi
  for p in "${pids[@]}"; do
    [ -d "/proc/$p" ] && tr '\0' ' ' < "/proc/$p/cmdline" 2>/dev/null | grep -q -- " _hostinit " && kill -KILL "$p" 2>/dev/null
  done
  sleep 0.05
  rm -rf "$RUN"
  log "down: signalled $n hosts, removed $RUN in $(since "$t0")s"
}

cmd_status() {
  [ -d "$RUN" ] || { log "fleet is down"; return 1; }
  local h rc=0 s
  for h in $(all_hosts); do
    [ -f "$RUN/$h/pid" ] || continue
    if running "$h" && [ -z "$(not_listening "$h")" ]; then s=up; else s=DOWN; rc=1; fi
    printf '%-14s %-14s pid1=%-8s %s\n' "$h" "$(cat "$RUN/$h/ip")" "$(cat "$RUN/$h/nspid" 2>/dev/null)" "$s"
  done
  return $rc
}

cmd_exec() {
  local h=$1; shift; running "$h" || die "$h is not up"
  nsenter -t "$(cat "$RUN/$h/nspid")" -m -u -p -r -w -- "$@"
}

cmd_ssh() {
  local h=$1 user=$TEST_USER; shift
  [ $# -gt 1 ] && [[ $1 =~ ^(root|$TEST_USER)$ ]] && { user=$1; shift; }
  running "$h" || die "$h is not up"
  ssh -i "$KEYS/id_ed25519" -o IdentitiesOnly=yes -o UserKnownHostsFile="$RUN/known_hosts" -o StrictHostKeyChecking=yes \
      -o BatchMode=yes -o ConnectTimeout=5 "$user@$(cat "$RUN/$h/ip")" "$@"
}

case "${1:-}" in
  _hostinit) shift; hostinit "$@" ;;
  _hostkeys) shift; hostkeys "$@" ;;
  _stage) shift; stage "$@" ;;
  up) shift; cmd_up "$@" ;;
  down) cmd_down ;;
  status) cmd_status ;;
  exec) shift; cmd_exec "$@" ;;
  ssh) shift; cmd_ssh "$@" ;;
  *) sed -n '2,/^set -u/p' "$SELF" | sed '$d'; exit 2 ;;
esac
