#!/usr/bin/python3
"""per-process.py PID[,PID...] RUNS PERF_DATA: CPU per process of everything PID started, per run.

Reads a `perf record -a -e sched:sched_switch -e sched:sched_process_fork -e sched:sched_process_exec
-e sched:sched_wakeup` recording: processes are attributed to PID (a test-fleet host's PID 1, its
sshd; or every process of a booted container, see nspawn-cpu.sh) by their fork chain, named by
what they exec'd (those running before the recording by their name), and their run time is summed
from `perf sched timehist`. Used for the session breakdown in docs/performance.md:

  perf record -q -a -o s.data -e sched:sched_switch -e sched:sched_process_fork \\
      -e sched:sched_process_exec -e sched:sched_wakeup -- \\
      sh -c 'for i in 1 2 3 4 5 6 7 8 9 10; do ssh ... auditor@ADDR sudo -n sh -c true </dev/null; done'
  bench/session/per-process.py "$(cat $AUDITGAP_FLEET_DIR/run/complete/nspid)" 10 s.data
"""
import collections, re, subprocess, sys

def main():
    roots = {int(p) for p in sys.argv[1].split(",")}
    runs, data = int(sys.argv[2]), sys.argv[3]
    parent, name = {}, {}
    script = subprocess.run(["perf", "script", "-i", data, "-F", "pid,event,trace"],
                            capture_output=True, text=True, check=True).stdout
    for line in script.splitlines():
        m = re.search(r"sched_process_fork: comm=(\S+) pid=(\d+) child_comm=(\S+) child_pid=(\d+)", line)
        if m:
            child = int(m.group(4))
            parent[child] = int(m.group(2))
            name.setdefault(child, [m.group(3) + "(fork)"])
            continue
        m = re.search(r"sched_process_exec: filename=(\S+) pid=(\d+)", line)
        if m:
            p = int(m.group(2))
            names = [n for n in name.get(p, []) if not n.endswith("(fork)")]
            name[p] = names + [m.group(1).rsplit("/", 1)[-1]]

    def inside(p):
        while p in parent:
            if p in roots:
                return True
            p = parent[p]
        return p in roots

    runtime, comm = collections.Counter(), {}
    hist = subprocess.run(["perf", "sched", "timehist", "-i", data],
                          capture_output=True, text=True, check=True).stdout
    for line in hist.splitlines():
        m = re.match(r"\s*[\d.]+\s+\[\d+\]\s+(.*?)\[(\d+)(?:/(\d+))?\]\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)", line)
        if m:
            pid = int(m.group(3) or m.group(2))
            if inside(pid):
                runtime[pid] += float(m.group(6))
                comm.setdefault(pid, m.group(1).strip() + " (started before)")
    by, count = collections.Counter(), collections.Counter()
    for p, t in runtime.items():
        k = " > ".join(name.get(p, [comm.get(p, "?")]))
        by[k] += t
        count[k] += 1
    for k, t in by.most_common():
        print("%-45s %7.2f ms/run  (%g processes/run)" % (k, t / runs, count[k] / runs))
    print("%-45s %7.2f ms/run" % ("total", sum(by.values()) / runs))

if __name__ == "__main__":
    main()
