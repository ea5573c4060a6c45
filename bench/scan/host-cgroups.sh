# Sourced by run.sh and ab.sh. host_cgroups NAME: in $cg the parent of one cpuacct cgroup (v1) or
# cgroup (v2) per host, empty where neither can be made; host_cgroup_ns HOST: that host's CPU
# nanoseconds so far; host_cgroups_remove: every process in them back to the root cgroup, then
# the cgroups removed.
host_cgroups() {
  cg=
  if [ -d /sys/fs/cgroup/cpuacct ] && [ -w /sys/fs/cgroup/cpuacct ]; then cg=/sys/fs/cgroup/cpuacct/$1
  elif [ -f /sys/fs/cgroup/cgroup.controllers ]; then cg=/sys/fs/cgroup/$1; fi
}
host_cgroup_ns() {
  if [ -f "$cg/$1/cpuacct.usage" ]; then cat "$cg/$1/cpuacct.usage"
  else awk '$1=="usage_usec"{print $2 * 1000}' "$cg/$1/cpu.stat"; fi
}
host_cgroups_remove() {
  [ -n "$cg" ] && [ -d "$cg" ] || return 0
  local c p
  for c in "$cg"/*/; do
    [ -d "$c" ] || continue
    while read -r p; do echo "$p" > "${cg%/*}/cgroup.procs" 2>/dev/null || true; done < "$c/cgroup.procs"
    rmdir "$c" 2>/dev/null || true
  done
  rmdir "$cg" 2>/dev/null || true
}
