#!/bin/sh
# Network namespaces for the probe tests and benchmark (root only).
#   netns.sh up     build everything (tears down leftovers first)
#   netns.sh down   stop what "up" started and delete it; safe to run twice
#   netns.sh check  exit 0 when this machine can run it (root, ip, nft, sshd)
#
# Topology (10.201/16 only; nothing else on this machine is touched but the two host-side veths and
# one route, all removed by "down"):
#   main ns  agp-t0 10.201.1.1/24  <->  ns agp-t  eth0 10.201.1.2   target host
#   main ns  agp-j0 10.201.2.1/24  <->  ns agp-j  eth0 10.201.2.2   jump host (SSH vantage)
#            route 10.201.3.0/24 via 10.201.2.2 (agp-j does not forward: filtered from main)
#   ns agp-j eth1 10.201.3.1/24    <->  ns agp-i  eth0 10.201.3.2   internal host (behind agp-j)
#
# agp-t ports (10.201.1.2):
#   22    sshd, password auth on             2222  sshd, public key only
#   2223  sshd, keyboard-interactive (PAM)   2224  sshd, public key only, +DELAY_MS via NFQUEUE
#   8080  python3 HTTP server (silent until a request)   8081  silent listener (accepts, says nothing)
#   2200  silent listener behind nft "drop" (filtered)   2201  silent listener behind "reject with tcp reset" (closed)
#   2202  nothing listening (closed by the kernel)
#   benchmark ranges: 20000-20399 drop, 20400-20699 reset, 20700-20799 -> 2222 (ssh),
#                     20800-20899 -> 8080 (http), 20900-20999 -> 8081 (silent)
# agp-j: sshd on 10.201.2.2:22, root by key (STATE/client_key), forwarding on.
# agp-i: sshd on 10.201.3.2:22, password auth on.
set -eu
STATE=${AGP_STATE:-/tmp/agp-probe-netns}
DELAY_MS=${AGP_DELAY_MS:-300}
HERE=$(cd "$(dirname "$0")" && pwd)
NSS="agp-t agp-j agp-i"

check() {
  [ "$(id -u)" = 0 ] || { echo "needs root"; return 1; }
  for c in ip nft /usr/sbin/sshd ssh-keygen iptables-legacy /usr/bin/python3; do
    command -v "$c" >/dev/null 2>&1 || { echo "missing: $c"; return 1; }
  done
  ip netns list >/dev/null 2>&1 || { echo "no network namespaces"; return 1; }
}

down() {
  for ns in $NSS; do
    if ip netns list 2>/dev/null | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill "$pid" 2>/dev/null || true; done
    fi
  done
  sleep 0.3
  for ns in $NSS; do
    if ip netns list 2>/dev/null | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -9 "$pid" 2>/dev/null || true; done
      ip netns del "$ns" 2>/dev/null || true
    fi
  done
  ip route del 10.201.3.0/24 2>/dev/null || true
  ip link del agp-t0 2>/dev/null || true
  ip link del agp-j0 2>/dev/null || true
  rm -rf "$STATE" /etc/netns/agp-j
  rmdir /etc/netns 2>/dev/null || true
}

sshd_conf() { # name listen port password kbd pam
  cat >"$STATE/$1.conf" <<CONF
ListenAddress $2
Port $3
HostKey $STATE/host_$1
PidFile $STATE/$1.pid
PasswordAuthentication $4
KbdInteractiveAuthentication $5
UsePAM $6
PubkeyAuthentication yes
AuthenticationMethods any
PermitRootLogin prohibit-password
AuthorizedKeysFile $STATE/authorized_keys
StrictModes no
AllowTcpForwarding yes
MaxStartups 400:30:800
LoginGraceTime 30
LogLevel ERROR
CONF
  ssh-keygen -q -t ed25519 -N '' -f "$STATE/host_$1" -C "$1" >/dev/null
}

start_sshd() { # ns name
  ip netns exec "$1" /usr/sbin/sshd -f "$STATE/$2.conf" -E "$STATE/$2.log"
}

listener() { # ns addr port...
  ns=$1 addr=$2; shift 2
  ip netns exec "$ns" /usr/bin/python3 -c '
import socket, select, sys
socks = []
for p in sys.argv[2:]:
    s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((sys.argv[1], int(p))); s.listen(4096); socks.append(s)
held = []
while True:
    r, _, _ = select.select(socks + held, [], [])
    for s in r:
        if s in socks:
            c, _ = s.accept(); held.append(c)
        else:
            try: d = s.recv(4096)
            except OSError: d = b""
            if not d: held.remove(s); s.close()
' "$addr" "$@" </dev/null >"$STATE/listener-$ns-$1.log" 2>&1 &
}

veth() { # hostside nsname nsif hostaddr nsaddr
  ip link add "$1" type veth peer name "$3" netns "$2"
  ip addr add "$4/24" dev "$1"; ip link set "$1" up
  ip -n "$2" addr add "$5/24" dev "$3"; ip -n "$2" link set "$3" up
}

wait_listen() { # ns addr:port
  i=0
  while ! ip netns exec "$1" ss -Hltn "src $2" 2>/dev/null | grep -q LISTEN; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "not listening: $1 $2" >&2; return 1; }
    sleep 0.05
  done
}

up() {
  check
  down
  mkdir -p "$STATE" /run/sshd
  chmod 700 "$STATE"
  for ns in $NSS; do ip netns add "$ns"; ip -n "$ns" link set lo up; done
  veth agp-t0 agp-t eth0 10.201.1.1 10.201.1.2
  veth agp-j0 agp-j eth0 10.201.2.1 10.201.2.2
  ip link add eth1 netns agp-j type veth peer name eth0 netns agp-i
  ip -n agp-j addr add 10.201.3.1/24 dev eth1; ip -n agp-j link set eth1 up
  ip -n agp-i addr add 10.201.3.2/24 dev eth0; ip -n agp-i link set eth0 up
  ip -n agp-i route add default via 10.201.3.1
  ip -n agp-t route add default via 10.201.1.1
  ip -n agp-j route add default via 10.201.2.1
  ip netns exec agp-j sysctl -qw net.ipv4.ip_forward=0
  # "ip netns exec agp-j" bind-mounts this over /etc/resolv.conf: a resolver that fails at once
  # (nothing listens there) instead of timing out. OpenSSH resolves direct-tcpip names in its
  # session process, which stalls every other channel of the connection while it waits.
  mkdir -p /etc/netns/agp-j
  echo "nameserver 127.0.0.1" >/etc/netns/agp-j/resolv.conf
  ip route add 10.201.3.0/24 via 10.201.2.2

  ip netns exec agp-t nft -f - <<'NFT'
table inet agp {
  chain input {
    type filter hook input priority 0; policy accept;
    tcp dport 2200 drop
    tcp dport 2201 reject with tcp reset
    tcp dport 20000-20399 drop
    tcp dport 20400-20699 reject with tcp reset
  }
}
table ip agpnat {
  chain prerouting {
    type nat hook prerouting priority -100; policy accept;
    tcp dport 20700-20799 redirect to :2222
    tcp dport 20800-20899 redirect to :8080
    tcp dport 20900-20999 redirect to :8081
  }
}
NFT
  ip netns exec agp-j nft -f - <<'NFT'
table inet agp {
  chain forward {
    type filter hook forward priority 0; policy drop;
  }
}
NFT

  ssh-keygen -q -t ed25519 -N '' -f "$STATE/client_key" -C agp-probe-test >/dev/null
  cp "$STATE/client_key.pub" "$STATE/authorized_keys"
  sshd_conf t-password 10.201.1.2 22 yes no no
  sshd_conf t-key 10.201.1.2 2222 no no no
  sshd_conf t-kbd 10.201.1.2 2223 no yes yes
  sshd_conf t-slow 10.201.1.2 2224 no no no
  sshd_conf j 10.201.2.2 22 no no no
  sshd_conf i 10.201.3.2 22 yes no no
  for n in t-password t-key t-kbd t-slow; do start_sshd agp-t $n; done
  start_sshd agp-j j
  start_sshd agp-i i
  # an HTTP server (answers 501 to any request); server_bind without its reverse DNS lookup
  ip netns exec agp-t /usr/bin/python3 -c '
import http.server as h, socketserver
h.HTTPServer.server_bind = socketserver.TCPServer.server_bind
h.ThreadingHTTPServer(("10.201.1.2", 8080), h.BaseHTTPRequestHandler).serve_forever()
' </dev/null >"$STATE/http.log" 2>&1 &
  listener agp-t 10.201.1.2 8081 2200 2201

  # latency: every packet sshd-slow sends waits DELAY_MS in user space
  ip netns exec agp-t iptables-legacy -t mangle -A OUTPUT -p tcp --sport 2224 \
    -j NFQUEUE --queue-num 7 --queue-bypass
  ip netns exec agp-t /usr/bin/python3 "$HERE/nfq_delay.py" 7 "$DELAY_MS" \
    </dev/null >"$STATE/nfq.log" 2>&1 &

  for p in 22 2222 2223 2224 8080 8081 2200 2201; do wait_listen agp-t "10.201.1.2:$p"; done
  wait_listen agp-j 10.201.2.2:22
  wait_listen agp-i 10.201.3.2:22
  i=0
  until grep -q "nfq_delay: queue" "$STATE/nfq.log" 2>/dev/null; do
    i=$((i + 1)); [ $i -lt 100 ] || { echo "delayer did not start" >&2; cat "$STATE/nfq.log" >&2; return 1; }
    sleep 0.05
  done
  ssh-keygen -lf "$STATE/host_j.pub" | awk '{print $2}' >"$STATE/jump_fingerprint"
  echo "netns up: state in $STATE"
}

case "${1:-}" in
  up) up ;;
  down) down; echo "netns down" ;;
  check) check ;;
  *) echo "usage: $0 up|down|check" >&2; exit 2 ;;
esac
