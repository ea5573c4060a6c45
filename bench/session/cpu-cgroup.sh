# Sourced by host-cpu.sh and nspawn-cpu.sh. cpu_cgroup NAME: a cpuacct cgroup (v1) or cgroup (v2)
# of that name in $cg, cpu_usage prints its CPU time in ns; on exit every process in it goes back
# to the root cgroup and the cgroup is removed.
cpu_cgroup() {
  if [ -d /sys/fs/cgroup/cpuacct ] && [ -w /sys/fs/cgroup/cpuacct ]; then
    cg=/sys/fs/cgroup/cpuacct/$1
    cpu_usage() { cat "$cg/cpuacct.usage"; }
  else
    cg=/sys/fs/cgroup/$1
    cpu_usage() { awk '$1=="usage_usec"{print $2 * 1000}' "$cg/cpu.stat"; }
  fi
  mkdir -p "$cg"
  trap 'while read -r p; do echo "$p" > "${cg%/*}/cgroup.procs" 2>/dev/null || true; done < "$cg/cgroup.procs"; rmdir "$cg" 2>/dev/null || true' EXIT
}
