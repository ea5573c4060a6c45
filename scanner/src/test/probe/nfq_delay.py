#!/usr/bin/python3
# The test fleet's NFQUEUE delay helper; used by netns.sh (the probe tests) and bench/scan/run.sh to add
# latency (this kernel has no tc netem).
"""nfq_delay.py QUEUE DELAY_MS  -- userspace stand-in for `tc netem delay` (this kernel has no sch_netem).
Binds NFQUEUE QUEUE over raw netlink (no libnetfilter_queue needed) and accepts every queued packet
DELAY_MS after it arrived (FIFO, so order is kept).  Feed it with e.g.
  iptables-legacy -t mangle -A OUTPUT -d 10.200.1.1 -j NFQUEUE --queue-num 1 --queue-bypass
(--queue-bypass: packets pass undelayed if this process is not running).  Stops on SIGTERM/SIGINT.

Cost: it shares the CPU with whatever it delays, so it does as little per packet as it can while
applying the same delay to each packet: every packet that is queued when it wakes is read in one go
(non-blocking reads until the socket is empty), and every packet that is due is released with one
batch verdict (NFQNL_MSG_VERDICT_BATCH: all packets up to an id). Arrival times are monotonic and the
delay is the same for all, so the due packets are always the oldest ones: a FIFO, no heap."""
import collections, errno, os, select, signal, socket, struct, sys, time

NETLINK_NETFILTER = 12
NFNL_SUBSYS_QUEUE = 3
MSG_PACKET, MSG_VERDICT, MSG_CONFIG, MSG_VERDICT_BATCH = 0, 1, 2, 3
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
CFG_CMD, CFG_PARAMS = 1, 2
CMD_BIND, CMD_UNBIND = 1, 2
COPY_META = 1
PKT_HDR, VERDICT_HDR = 1, 2
NF_ACCEPT = 1
PACKET_TYPE = (NFNL_SUBSYS_QUEUE << 8) | MSG_PACKET

def nla(t, payload):
    l = 4 + len(payload)
    return struct.pack("=HH", l, t) + payload + b"\0" * ((4 - l % 4) % 4)

def msg(mtype, queue, attrs, seq, flags=NLM_F_REQUEST):
    body = struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue)) + b"".join(attrs)
    return struct.pack("=IHHII", 16 + len(body), (NFNL_SUBSYS_QUEUE << 8) | mtype, flags, seq, 0) + body

def packet_ids(data):
    """The packet ids of the NFQUEUE packet messages in one netlink datagram, in order."""
    ids, off, end = [], 0, len(data)
    unpack_from = struct.unpack_from
    while off + 16 <= end:
        ln, mt = unpack_from("=IH", data, off)
        if ln < 16: break
        if mt == PACKET_TYPE:
            a, stop = off + 20, off + ln
            while a + 4 <= stop:
                al, at = unpack_from("=HH", data, a)
                if al < 4: break
                if (at & 0x7fff) == PKT_HDR:
                    ids.append(unpack_from("!I", data, a + 4)[0]); break
                a += (al + 3) & ~3
        off += (ln + 3) & ~3
    return ids

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
    # a batch verdict without its packet id: header (32 bytes in all), nfgenmsg, NFQA_VERDICT_HDR
    head = (struct.pack("=IHHII", 32, (NFNL_SUBSYS_QUEUE << 8) | MSG_VERDICT_BATCH, NLM_F_REQUEST, 0, 0)
            + struct.pack("=BBH", socket.AF_UNSPEC, 0, socket.htons(queue))
            + struct.pack("=HH", 12, VERDICT_HDR) + struct.pack("!I", NF_ACCEPT))
    def accept_up_to(pid):   # every queued packet with an id up to pid (the kernel walks its FIFO)
        s.send(head + struct.pack("!I", pid))
    stop = []
    signal.signal(signal.SIGTERM, lambda *a: stop.append(1)); signal.signal(signal.SIGINT, lambda *a: stop.append(1))
    pending = collections.deque()   # (due, packet_id), oldest first
    print("nfq_delay: queue %d delay %.1f ms" % (queue, delay * 1000), flush=True)
    monotonic, sel, recv, dontwait = time.monotonic, select.select, s.recv, socket.MSG_DONTWAIT
    while not stop:
        now = monotonic()
        if pending and pending[0][0] <= now:
            last = None
            while pending and pending[0][0] <= now:
                last = pending.popleft()[1]
            accept_up_to(last)
        timeout = max(0.0, pending[0][0] - now) if pending else 0.5
        try:
            r, _, _ = sel([s], [], [], timeout)
        except InterruptedError:
            continue
        if not r: continue
        due = monotonic() + delay
        while True:   # everything queued now, one wake-up
            try:
                data = recv(1 << 17, dontwait)
            except BlockingIOError:
                break
            except OSError as e:
                if e.errno == errno.ENOBUFS: continue   # the kernel dropped messages; their packets stay queued
                raise
            for pid in packet_ids(data):
                pending.append((due, pid))
    if pending:   # release what is still held
        accept_up_to(pending[-1][1])
    try: cfg([nla(CFG_CMD, struct.pack("=BBH", CMD_UNBIND, 0, 0))])
    except OSError: pass

if __name__ == "__main__":
    main()
