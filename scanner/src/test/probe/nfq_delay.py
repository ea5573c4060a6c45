#!/usr/bin/python3
# The test fleet's NFQUEUE delay helper, unchanged
# except this note; used by netns.sh to add latency (this kernel has no tc netem).
"""nfq_delay.py QUEUE DELAY_MS  -- userspace stand-in for `tc netem delay` (this kernel has no sch_netem).
Binds NFQUEUE QUEUE over raw netlink (no libnetfilter_queue needed) and accepts every queued packet
DELAY_MS after it arrived (FIFO, so order is kept).  Feed it with e.g.
  iptables-legacy -t mangle -A OUTPUT -d 10.200.1.1 -j NFQUEUE --queue-num 1 --queue-bypass
(--queue-bypass: packets pass undelayed if this process is not running).  Stops on SIGTERM/SIGINT."""
import heapq, os, select, signal, socket, struct, sys, time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
MSG_PACKET, MSG_VERDICT, MSG_CONFIG = 0, 1, 2
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
CFG_CMD, CFG_PARAMS = 1, 2
CMD_BIND, CMD_UNBIND = 1, 2
COPY_META = 1
PKT_HDR, VERDICT_HDR = 1, 2
NF_ACCEPT = 1

def nla(t, payload):
    l = 4 + len(payload)
    return struct.pack("=HH", l, t) + payload + b"\0" * ((4 - l % 4) % 4)

def msg(mtype, queue, attrs, seq, flags=NLM_F_REQUEST):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | mtype, flags, seq, 0) + body

def main():
    queue, delay = int(sys.argv[1]), float(sys.argv[2]) / 1000.0
    s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, NETLINK_NETFILTER)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)
    s.bind((0, 0))
    seq = 1
    def cfg(attrs):
        nonlocal seq
        s.send(msg(MSG_CONFIG, queue, attrs, seq, NLM_F_REQUEST | NLM_F_ACK)); seq += 1
        d = s.recv(65536)
        if struct.unpack_from("=H", d, 4)[0] == NLMSG_ERROR:
            err = struct.unpack_from("=i", d, 16)[0]
            if err: raise OSError(-err, os.strerror(-err))
    cfg([nla(CFG_CMD, struct.pack("=BBH", CMD_BIND, 0, 0))])
    cfg([nla(CFG_PARAMS, struct.pack("!IB", 0xFFFF, COPY_META) + b"\0\0\0")])
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1)); signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    pending, n = [], 0   # (due, seqno, packet_id)
    print("nfq_delay: queue %d delay %.1f ms" % (queue, delay * 1000), flush=True)
    while not stop:
        now = time.monotonic()
        while pending and pending[0][0] <= now:
            _, _, pid = heapq.heappop(pending)
            s.send(msg(MSG_VERDICT, queue, [nla(VERDICT_HDR, struct.pack("!II", NF_ACCEPT, pid))], 0))
        timeout = max(0.0, pending[0][0] - now) if pending else 0.5
        try:
            r, _, _ = select.select([s], [], [], timeout)
        except InterruptedError:
            continue
        if not r: continue
        data = s.recv(1 << 17)
        off = 0
        while off + 16 <= len(data):
            ln, mt = struct.unpack_from("=IH", data, off)
            if ln < 16: break
            if mt == (NFNL_SUBSYS_QUEUE << 8) | MSG_PACKET:
                a = off + 20
                while a + 4 <= off + ln:
                    al, at = struct.unpack_from("=HH", data, a)
                    if al < 4: break
                    if (at & 0x7fff) == PKT_HDR:
                        pid = struct.unpack_from("!I", data, a + 4)[0]
                        n += 1; heapq.heappush(pending, (time.monotonic() + delay, n, pid))
                    a += (al + 3) & ~3
            off += (ln + 3) & ~3
    for _, _, pid in pending:   # release what is still held
        s.send(msg(MSG_VERDICT, queue, [nla(VERDICT_HDR, struct.pack("!II", NF_ACCEPT, pid))], 0))
    try: cfg([nla(CFG_CMD, struct.pack("=BBH", CMD_UNBIND, 0, 0))])
    except OSError: pass

if __name__ == "__main__":
    main()
