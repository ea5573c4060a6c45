# auditgap collector: reads files and command output; writes nothing on this host.
# POSIX sh (dash, bash, busybox sh). Streamed over one exec channel to `sh -s`.
#
# Output framing, per item: one header line
#   @@<nonce> <kind> <status> <size> <truncated> <name>
# then exactly <size> bytes, then one newline; or, for a command whose output goes straight into the
# bundle as it is produced (no capture, so no subshell: see "Cost" below), one header line
#   @@<nonce> run <name>
# then its output, then one newline and one trailer line with its exit status
#   @@<nonce> ret <status>
# (the reader finds the trailer by the nonce, which the host's content cannot know: it is random per
# run, held only by this shell and the group's, and never in a command's environment or arguments;
# the reader applies the item and total caps to these items). The bundle ends with
#   @@<nonce> end <items> <bytes>
# and, when the script was printed by `auditgap collector` for another runner to execute, one more
# line with the POSIX cksum (CRC and length) of every byte before it:
#   @@<nonce> sum <crc> <length>
# kind: file | dir | cmd.  status: command exit status; for files 0 read, 1 absent, 13 denied,
# 20 not a directory, 21 a directory, 22 not a regular file, 23 a symbolic link that leaves the
# system's configuration trees (content: the target, not read); 124 timeout; 127 command not found;
# -1 skipped because the bundle reached its total cap (a real exit status is 0-255).
# Everything is defined in functions and run by the last line, so nothing runs before the whole
# script has arrived.
#
# Cost on the host: regular files are read by ONE awk process at the end (every file whole, framed);
# listing directories and classifying paths use shell built-ins only; a command snippet is the body
# of a shell function (it ends with `return`, never `exit`) that runs in this shell (ag_run) or in
# the one shell of the commands that can hang, under one timeout (ag_grp), its output streamed: no
# subshell per item, and the shell starts its programs with vfork. A captured command substitution
# costs a fork (about 0.4 ms of the host's CPU with the child), so only values this shell must read
# are captured. Only the commands that can flood get the size-cap wrapper (ag_cmd).

ag_setup() {
  ag_n=__NONCE__
  [ -z "${ag_is_sealed:-}" ] || ag_n=$ag_sn
  ag_cap=__ITEM_CAP__
  ag_total_cap=__TOTAL_CAP__
  ag_max_entries=__MAX_ENTRIES__
  ag_total=0
  ag_items=0
  ag_nl='
'
  LC_ALL=C
  export LC_ALL
  PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
  export PATH
  if command -v timeout >/dev/null 2>&1; then ag_to="timeout __ITEM_TIMEOUT__"; else ag_to=; fi
  # awk is mawk where the host has it (Debian and Ubuntu always do: it is Priority required), as a
  # function, so that every awk a snippet runs, here or in another shell (ag_fsh, ag_gsh: they get
  # ag_mawk through their environment), is mawk. Where gawk is the `awk` alternative it costs the
  # host about 0.6 ms more per start and twice the time over the dpkg database (docs/performance.md,
  # "Eleventh round"). Every awk program of the collector is POSIX and runs under mawk, gawk and
  # busybox awk alike (AwkPortabilityTest).
  ag_mawk=
  if command -v mawk >/dev/null 2>&1; then ag_mawk=mawk; awk() { mawk "$@"; }; fi
  if command -v awk >/dev/null 2>&1; then ag_awk=1; else ag_awk=; fi
  ag_pending=
  # A snippet run by its own sh (ag_cmd, ag_cmdt): the body of a function, without arguments
  ag_fsh='[ -z "${ag_mawk:-}" ] || awk() { mawk "$@"; }; ag_x=$1; shift; ag_f() { eval "$ag_x"; }; ag_f'
  # The group shell of ag_grp (arguments: item cap, total cap, bytes so far, then NAME CAPPED SHELL
  # triples; the nonce as the one line of its stdin, so that no environment or argument list holds
  # it). Each snippet runs as the body of a function without positional parameters, its stdin
  # /dev/null, its output streamed into the bundle (fd 1) between a "run" header and a "ret"
  # trailer; a capped one runs in a subshell whose output is cut at the item cap while it is
  # produced, as in ag_cmd, and is framed once it ends. On
  # fd 3 the group says "h" once a header is out, "r" before it runs a capped item, and "ITEMS BYTES"
  # once an item's frame is whole. The timeout's SIGTERM only marks the group as ended (ag_q): the
  # item it ended gets status 124 and its trailer, and no item starts after it, so the timeout never
  # cuts a frame. dash (no $RANDOM) resumes a write a signal interrupted; bash and busybox sh print
  # through stdio, which gives up on an interrupted write, so they frame in a subshell that ignores
  # SIGTERM.
  ag_gsh='ag_c=$1 ag_tc=$2 ag_t=$3 ag_k=0 ag_q=; shift 3
IFS= read -r ag_n
trap "ag_q=1" TERM
[ -z "${ag_mawk:-}" ] || awk() { mawk "$@"; }
ag_f() { eval "$ag_x"; }
ag_pr() { printf "@@%s cmd %s %s %s %s\n%s\n" "$ag_n" "$ag_s" "$ag_z" "$ag_r" "$1" "$ag_o"; echo "$ag_k $ag_t" >&3; }
ag_hd() { printf "@@%s run %s\n" "$ag_n" "$1"; echo h >&3; }
ag_tl() { printf "\n@@%s ret %s\n" "$ag_n" "$ag_s"; echo "$ag_k $ag_t" >&3; }
while [ $# -ge 3 ] && [ -z "$ag_q" ]; do
  ag_x=$3
  if [ "$2" != 1 ] && [ "$ag_t" -lt "$ag_tc" ]; then
    if [ -n "${RANDOM+x}" ]; then (trap "" TERM; ag_hd "$1"); else ag_hd "$1"; fi
    if [ -z "$ag_q" ]; then ag_i=$IFS; ag_f </dev/null 2>&1 3>&-; ag_s=$?; IFS=$ag_i; set +f; fi
    [ -z "$ag_q" ] || ag_s=124
    ag_k=$((ag_k + 1))
    if [ -n "${RANDOM+x}" ]; then (trap "" TERM; ag_tl); else ag_tl; fi
    [ -z "$ag_q" ] || exit 124
    shift 3
    continue
  fi
  echo r >&3
  if [ "$ag_t" -ge "$ag_tc" ]; then ag_o= ag_s=-1
  else
    ag_o=$( { ag_s=$( { { (set --; ag_f) </dev/null 2>&1 3>&-; echo "$?" >&4; } | head -c $((ag_c + 1)) >&5 4>&-; } 4>&1 ); printf .%s "$ag_s"; } 5>&1 3>&- )
    ag_s=${ag_o##*.} ag_o=${ag_o%.*}
  fi
  [ -z "$ag_q" ] || exit 124
  ag_z=${#ag_o} ag_r=0
  if [ "$ag_z" -gt "$ag_c" ]; then ag_o=$(printf %s "$ag_o" | head -c "$ag_c"; echo .); ag_o=${ag_o%.}; ag_z=${#ag_o} ag_r=1; fi
  if [ $((ag_t + ag_z)) -gt "$ag_tc" ]; then ag_o= ag_z=0 ag_s=-1; fi
  ag_t=$((ag_t + ag_z)) ag_k=$((ag_k + 1))
  if [ -n "${RANDOM+x}" ]; then (trap "" TERM; ag_pr "$1"); else ag_pr "$1"; fi
  shift 3
done'
  ag_buf="@@$ag_n begin 1 collector=__COLLECTOR_VERSION__ items=__ITEM_DIGESTS__$ag_nl"
}

# ag_flush: the frames ag_emit has kept, written at once. Every small frame (a missing file, a
# directory's names) written alone would wake the relay between this shell and the network (sshd,
# and sudo where it logs output) for a few bytes; whatever writes into the bundle directly (a
# streamed command, the group, the awk at the end) flushes first, so the order stays the order of
# the calls.
ag_flush() {
  [ -z "$ag_buf" ] || printf '%s' "$ag_buf"
  ag_buf=
}

# ag_emit KIND STATUS NAME, content in $ag_out
ag_emit() {
  ag_sz=${#ag_out}
  ag_tr=0
  ag_st=$2
  if [ "$ag_sz" -gt "$ag_cap" ]; then
    ag_out=$(printf '%s' "$ag_out" | head -c "$ag_cap"; echo .)
    ag_out=${ag_out%.}
    ag_sz=${#ag_out}
    ag_tr=1
  fi
  if [ $((ag_total + ag_sz)) -gt "$ag_total_cap" ]; then
    ag_out=
    ag_sz=0
    ag_st=-1
  fi
  ag_total=$((ag_total + ag_sz))
  ag_items=$((ag_items + 1))
  ag_buf="$ag_buf@@$ag_n $1 $ag_st $ag_sz $ag_tr $3$ag_nl$ag_out$ag_nl"
  [ ${#ag_buf} -le 32768 ] || ag_flush
}

# ag_absent KIND PATH: a path that does not test as existing is "absent" only when every parent
# directory can be searched; behind an unsearchable one (e.g. /etc/audit 0750 for a non-root user)
# it is "denied": the collector cannot know.
ag_absent() {
  ag_p=${2%/*}
  while [ -n "$ag_p" ]; do
    if [ -d "$ag_p" ] && [ ! -x "$ag_p" ]; then ag_emit "$1" 13 "$2"; return; fi
    ag_p=${ag_p%/*}
  done
  ag_emit "$1" 1 "$2"
}

# ag_outside PATH: true when the symbolic link PATH resolves outside /etc, /usr, /lib, /boot and
# /run/systemd (a configuration file linked to /root/.ssh/id_rsa or a user's history is not shipped
# off the host); the target is left in $ag_out. Without readlink -f every link counts as outside.
# A link that is the same file as the regular file of its name in /usr/lib (/etc/os-release ->
# ../usr/lib/os-release on Debian, Ubuntu and RHEL) stays inside without a readlink process (and
# the subshell that captures its answer).
ag_outside() {
  ag_out=/usr/lib/${1##*/}
  if [ "$1" -ef "$ag_out" ] && [ -f "$ag_out" ] && [ ! -L "$ag_out" ] && [ ! -L /usr ] && [ ! -L /usr/lib ]; then
    ag_out=
    return 1
  fi
  ag_out=$(readlink -f "$1" 2>/dev/null)
  case $ag_out in /etc/* | /usr/* | /lib/* | /lib64/* | /boot/* | /run/systemd/*) ag_out=; return 1 ;; esac
  return 0
}

ag_file() {
  ag_out=
  if [ "$ag_total" -ge "$ag_total_cap" ]; then ag_emit file -1 "$1"; return; fi
  if [ -d "$1" ]; then ag_emit file 21 "$1"; return; fi
  if [ ! -e "$1" ]; then ag_absent file "$1"; return; fi
  if [ -L "$1" ] && ag_outside "$1"; then ag_emit file 23 "$1"; return; fi
  if [ ! -f "$1" ]; then ag_emit file 22 "$1"; return; fi
  if [ ! -r "$1" ]; then ag_emit file 13 "$1"; return; fi
  # Regular and readable: read later, with every other file, by one awk (ag_end).
  if [ -n "$ag_awk" ]; then
    ag_pending="$ag_pending$1$ag_nl"
    return
  fi
  # No awk on this host: one head per file (regular files only, so no timeout wrapper).
  ag_out=$(head -c $((ag_cap + 1)) "$1" </dev/null 2>/dev/null; printf '.%s' "$?")
  ag_rc=${ag_out##*.}
  ag_out=${ag_out%.*}
  if [ "$ag_rc" = 0 ] || [ "$ag_rc" = 124 ]; then ag_emit file "$ag_rc" "$1"; else ag_out=; ag_emit file 13 "$1"; fi
}

ag_dir() {
  ag_out=
  if [ ! -e "$1" ]; then ag_absent dir "$1"; return; fi
  if [ ! -d "$1" ]; then ag_emit dir 20 "$1"; return; fi
  if [ -L "$1" ] && ag_outside "$1"; then ag_emit dir 23 "$1"; return; fi
  if [ ! -r "$1" ] || [ ! -x "$1" ]; then ag_emit dir 13 "$1"; return; fi
  ag_list=
  ag_files=
  ag_pend=
  ag_count=0
  for ag_f in "$1"/* "$1"/.[!.]*; do
    # a pattern that matched nothing stays as it is: only then is the name tested for existence
    case $ag_f in "$1/*" | "$1/.[!.]*") [ -e "$ag_f" ] || [ -L "$ag_f" ] || continue ;; esac
    case $ag_f in *"$ag_nl"*) continue ;; esac
    ag_count=$((ag_count + 1))
    if [ "$ag_count" -gt "$ag_max_entries" ]; then break; fi
    if [ -L "$ag_f" ]; then
      ag_t=l
      [ -f "$ag_f" ] && ag_files="$ag_files$ag_f$ag_nl"
    elif [ -d "$ag_f" ]; then
      ag_t=d
    elif [ -f "$ag_f" ]; then
      ag_t=f
      # a readable regular file goes straight to the awk at the end (ag_file's tests, once)
      if [ -n "$ag_awk" ] && [ -r "$ag_f" ]; then ag_pend="$ag_pend$ag_f$ag_nl"; else ag_files="$ag_files$ag_f$ag_nl"; fi
    else
      ag_t=o
    fi
    ag_list="$ag_list$ag_t	${ag_f##*/}$ag_nl"
  done
  ag_out=$ag_list
  ag_emit dir 0 "$1"
  ag_pending=$ag_pending$ag_pend
  ag_ifs=$IFS
  IFS=$ag_nl
  set -f
  for ag_f in $ag_files; do
    IFS=$ag_ifs
    ag_file "$ag_f"
  done
  set +f
  IFS=$ag_ifs
}

# ag_cmd NAME SHELL: stdout and stderr merged, exit status kept, output capped while it is produced
ag_cmd() {
  ag_out=
  if [ "$ag_total" -ge "$ag_total_cap" ]; then ag_emit cmd -1 "$1"; return; fi
  ag_prep "$2"
  ag_out=$( { ag_rc=$( { { ag_c=$ag_cap ag_now=$ag_now ag_tz=$ag_tz ag_mawk=$ag_mawk $ag_to sh -c "$ag_fsh" ag "$2" </dev/null 2>&1; echo "$?" >&4; } | head -c $((ag_cap + 1)) >&5 4>&-; } 4>&1 ); printf '.%s' "$ag_rc"; } 5>&1 )
  ag_rc=${ag_out##*.}
  ag_out=${ag_out%.*}
  ag_emit cmd "$ag_rc" "$1"
}

# ag_cmdt NAME SHELL: like ag_cmd for a snippet whose output is small by construction, or that cuts
# it at the item cap ($ag_c) itself: the timeout only (one subshell, timeout and sh instead of three
# subshells and head besides)
ag_cmdt() {
  ag_out=
  if [ "$ag_total" -ge "$ag_total_cap" ]; then ag_emit cmd -1 "$1"; return; fi
  ag_prep "$2"
  ag_out=$(ag_c=$ag_cap ag_now=$ag_now ag_tz=$ag_tz ag_mawk=$ag_mawk $ag_to sh -c "$ag_fsh" ag "$2" </dev/null 2>&1; printf '.%s' "$?")
  ag_rc=${ag_out##*.}
  ag_out=${ag_out%.*}
  ag_emit cmd "$ag_rc" "$1"
}

# ag_grp NAME CAPPED SHELL [NAME CAPPED SHELL ...]: the snippets of several ag_cmdt (CAPPED=0) and
# ag_cmd (CAPPED=1) items, run one after another by ONE shell under ONE timeout (one timeout and one
# sh for the group instead of for every command). The group shell (ag_gsh) streams each item into
# the bundle (a capped one is framed once it ends, as ag_emit does) and tells this function on
# another pipe how far it got; only whole frames reach the bundle, also when the timeout ends the
# group during a write. When the timeout ends the group while it runs an item, that item is
# reported as timed out (124: a captured one without output, a streamed one with what it printed
# until then, its trailer written here); the items after it (or, when the group ended between two
# items, the rest) run in a new group, so each later item again has a full timeout. The nonce
# reaches the group on its stdin: an environment (/proc/PID/environ) or argument list would show it
# to the commands the group runs, or to every user.
ag_grp() {
  ag_prep "$*"
  if [ -z "$ag_to" ]; then
    while [ $# -ge 3 ]; do
      if [ "$2" = 1 ]; then ag_cmd "$1" "$3"; else ag_cmdt "$1" "$3"; fi
      shift 3
    done
    return
  fi
  while [ $# -ge 3 ]; do
    if [ "$ag_total" -ge "$ag_total_cap" ]; then
      ag_out=
      ag_emit cmd -1 "$1"
      shift 3
      continue
    fi
    ag_flush
    { ag_g=$(echo "$ag_n" | ag_now=$ag_now ag_tz=$ag_tz ag_mawk=$ag_mawk $ag_to sh -c "$ag_gsh" ag "$ag_cap" "$ag_total_cap" "$ag_total" "$@" 2>/dev/null 3>&1 >&4 4>&-; printf '.%s' "$?"); } 4>&1
    ag_rc=${ag_g##*.}
    ag_g=${ag_g%.*}
    ag_g=${ag_g%"$ag_nl"}
    # the last line: "h" (ended while a streamed item ran: its header is out), "r" (ended while a
    # captured item ran) or ITEMS BYTES (between items)
    ag_last=${ag_g##*"$ag_nl"}
    case $ag_last in h | r) ag_g=${ag_g%"$ag_last"}; ag_g=${ag_g%"$ag_nl"} ;; esac
    ag_g=${ag_g##*"$ag_nl"}
    ag_k=0
    case $ag_g in [0-9]*' '[0-9]*) ag_k=${ag_g%% *} ag_total=${ag_g#* } ;; esac
    ag_items=$((ag_items + ag_k))
    shift $((3 * ag_k))
    if [ "$ag_last" = h ] && [ $# -ge 3 ]; then
      # nothing was kept since the group began: its item's trailer follows its output
      printf '\n@@%s ret %s\n' "$ag_n" "$ag_rc"
      ag_items=$((ag_items + 1))
      shift 3
    elif [ $# -ge 3 ]; then
      if [ "$ag_rc" = 124 ] && { [ "$ag_last" = r ] || [ "$ag_k" = 0 ]; }; then
        ag_out=
        ag_emit cmd 124 "$1"
        shift 3
      elif [ "$ag_rc" != 124 ]; then
        if [ "$2" = 1 ]; then ag_cmd "$1" "$3"; else ag_cmdt "$1" "$3"; fi
        shift 3
      fi
    fi
  done
}

# ag_host: the host's clock (ag_now: seconds since the epoch, ag_tz: its UTC offset as +HHMM, ag_utc:
# the same instant in UTC as 2006-01-02T15:04:05Z) from one date, and uname's node name, kernel
# release and machine (ag_node, ag_rel, ag_mach); each is empty when its tool is missing or fails.
ag_host() {
  ag_hdone=1
  ag_now=
  ag_tz=
  ag_utc=
  ag_node=
  ag_rel=
  ag_mach=
  ag_x=$(date '+%s %z' 2>/dev/null) || ag_x=
  case $ag_x in [0-9]*' '*) ag_now=${ag_x%% *} ag_tz=${ag_x#* } ;; esac
  case $ag_now in '' | *[!0-9]*) ag_now= ag_tz= ;; esac
  case $ag_tz in [+-][0-9][0-9][0-9][0-9]) ;; *) ag_tz= ;; esac
  # UTC's calendar date from the day count (H. Hinnant's civil_from_days), without a second date
  if [ -n "$ag_now" ]; then
    ag_hs=$((ag_now % 86400)) ag_hz=$((ag_now / 86400 + 719468))
    ag_he=$((ag_hz / 146097))
    ag_ho=$((ag_hz - ag_he * 146097))
    ag_hy=$(((ag_ho - ag_ho / 1460 + ag_ho / 36524 - ag_ho / 146096) / 365))
    ag_hd=$((ag_ho - (365 * ag_hy + ag_hy / 4 - ag_hy / 100)))
    ag_hm=$(((5 * ag_hd + 2) / 153))
    ag_hd=$((ag_hd - (153 * ag_hm + 2) / 5 + 1))
    ag_hm=$((ag_hm + 3 - 12 * (ag_hm >= 10)))
    ag_hy=$((ag_hy + ag_he * 400 + (ag_hm <= 2)))
    ag_utc=$ag_hy
    for ag_x in $ag_hm $ag_hd $((ag_hs / 3600)) $((ag_hs % 3600 / 60)) $((ag_hs % 60)); do
      ag_x=0$ag_x
      ag_utc=$ag_utc${ag_x#"${ag_x%??}"}
    done
    # YYYYMMDDhhmmss -> YYYY-MM-DDThh:mm:ssZ
    ag_x=${ag_utc#????}
    ag_utc=${ag_utc%"$ag_x"}-${ag_x%????????}
    ag_x=${ag_x#??}
    ag_utc=$ag_utc-${ag_x%??????}T
    ag_x=${ag_x#??}
    ag_utc=$ag_utc${ag_x%????}:
    ag_x=${ag_x#??}
    ag_utc=$ag_utc${ag_x%??}:${ag_x#??}Z
  fi
  # the same kernel values from /proc/sys/kernel with built-ins where the kernel has all three
  # (older kernels have no arch file); else one uname
  { IFS= read -r ag_node </proc/sys/kernel/hostname && IFS= read -r ag_rel </proc/sys/kernel/osrelease &&
    IFS= read -r ag_mach </proc/sys/kernel/arch; } 2>/dev/null
  [ -n "$ag_node" ] && [ -n "$ag_rel" ] && [ -n "$ag_mach" ] && return
  ag_node= ag_rel= ag_mach=
  # release and machine have no blanks; the node name is the rest
  ag_x=$(uname -n -r -m 2>/dev/null) || ag_x=
  case $ag_x in *?' '?*' '?*) ag_mach=${ag_x##* } ag_x=${ag_x% *} ag_rel=${ag_x##* } ag_node=${ag_x% *} ;; esac
}

# ag_ps: every process's PID and name (its comm's first line) as "PID NAME" lines in ag_procs, read
# once, for the items that look at processes. This shell reads them itself where the host runs
# few processes (a container); beyond 100 one awk reads them all: the shell's `read` takes a system
# call per byte and its list grows by copying, so a host with 300 processes (kernel threads
# included) paid 7-8 ms, one with 1,000 24-33 ms and one with 5,600 0.4-0.6 s, against 4-5, 13-16
# and 82-89 ms with the awk; at 100 both cost the same (docs/performance.md, "Eleventh round").
# The awk, and the subshell that captures its answer, start after the list is made: not in it.
ag_ps() {
  ag_pdone=1
  ag_procs=
  set -- /proc/[0-9]*/comm
  if [ $# -gt 100 ] && [ -n "$ag_awk" ]; then
    # a process that ended since the glob is skipped, as the loop below skips it
    if ag_procs=$(awk 'BEGIN { for (i = 1; i < ARGC; i++) { f = ARGV[i]; if ((getline l < f) > 0) { p = substr(f, 7); sub(/\/comm$/, "", p); print p " " l } close(f) } }' "$@" </dev/null 2>/dev/null); then
      [ -z "$ag_procs" ] || ag_procs=$ag_procs$ag_nl
      return
    fi
    ag_procs=
  fi
  for ag_f; do
    IFS= read -r ag_x 2>/dev/null <"$ag_f" || continue
    ag_f=${ag_f#/proc/}
    ag_procs="$ag_procs${ag_f%/comm} $ag_x$ag_nl"
  done
}

# ag_prep SHELL: the values SHELL reads from this shell (ag_host's, ag_procs), from ag_host or
# ag_ps, each run once on first use. A snippet run by another shell (ag_cmd, ag_cmdt, the group)
# gets ag_now and ag_tz through its environment.
ag_prep() {
  case $1 in *'$ag_now'* | *'$ag_tz'* | *'$ag_utc'* | *'$ag_node'* | *'$ag_rel'* | *'$ag_mach'*) [ -n "${ag_hdone:-}" ] || ag_host ;; esac
  case $1 in *'$ag_procs'*) [ -n "${ag_pdone:-}" ] || ag_ps ;; esac
}

# ag_run NAME SHELL: a snippet that cannot hang (built-ins, local files, bounded output), run in
# this shell as the body of a function, its output (stdout and stderr merged) streamed into the
# bundle between a "run" header and a "ret" trailer with its status: no subshell, so the shell's
# IFS and globbing are restored after it. What it reads from this shell is prepared first (ag_prep).
ag_run() {
  ag_out=
  if [ "$ag_total" -ge "$ag_total_cap" ]; then ag_emit cmd -1 "$1"; return; fi
  ag_prep "$2"
  ag_buf="$ag_buf@@$ag_n run $1$ag_nl"
  ag_flush
  ag_x=$2
  ag_ifs=$IFS
  ag_f </dev/null 2>&1
  ag_rc=$?
  IFS=$ag_ifs
  set +f
  printf '\n@@%s ret %s\n' "$ag_n" "$ag_rc"
  ag_items=$((ag_items + 1))
}

# ag_f: the snippet in $ag_x, as the body of a function without arguments (its `return` ends it)
ag_f() { eval "$ag_x"; }

# ag_end: the files queued by ag_file, read by one awk that frames each and ends the bundle.
# RS is a control character config text does not contain, so getline returns each file whole with
# its exact bytes (only a trailing \001 would be dropped). Same caps as ag_emit.
ag_end() {
  ag_flush
  if [ -z "$ag_pending" ]; then
    printf '@@%s end %s %s\n' "$ag_n" "$ag_items" "$ag_total"
  else
    ag_read_pending
  fi
  # Exit only when the scanner closes stdin, which it does once it has read the end line: sudo
  # with log_output relays this shell's output and drops what it has not written yet when the
  # shell exits (sudo 1.9.13 behind a slow reader), which cut bundles short. Not on a terminal:
  # someone running the script by hand is not asked for input; not for a sealed bundle, whose
  # runner (Ansible, SSM, ...) may never close stdin and whose checksum shows any loss.
  [ -t 0 ] || [ -n "${ag_is_sealed:-}" ] || while read -r ag_x; do :; done
}

ag_read_pending() {
  ag_ifs=$IFS
  IFS=$ag_nl
  set -f
  # shellcheck disable=SC2086
  set -- $ag_pending
  set +f
  IFS=$ag_ifs
  awk -v n="$ag_n" -v cap="$ag_cap" -v tcap="$ag_total_cap" -v items="$ag_items" \
    -v total="$ag_total" 'BEGIN {
    RS = "\001"
    for (i = 1; i < ARGC; i++) {
      f = ARGV[i]; out = ""; k = 0; tr = 0; st = 0
      if (total >= tcap) { items++; printf "@@%s file -1 0 0 %s\n\n", n, f; continue }
      while ((r = (getline rec < f)) > 0) {
        out = (k++ ? out RS : "") rec
        if (length(out) > cap) { tr = 1; break }
      }
      close(f)
      if (r < 0) { st = 13; out = ""; tr = 0 }
      if (tr) out = substr(out, 1, cap)
      sz = length(out)
      if (total + sz > tcap) { out = ""; sz = 0; st = -1 }
      total += sz; items++
      printf "@@%s file %d %d %d %s\n%s\n", n, st, sz, tr, f, out
    }
    printf "@@%s end %d %d\n", n, items, total
  }' "$@" </dev/null
}

# ag_sealed: the bundle, then its checksum line (see the header). The bundle is held in memory
# (at most the total cap) so that cksum sees exactly the bytes that were printed.
ag_sealed() {
  ag_is_sealed=1
  # The printed script's nonce is the same for every run and may be read where the script is kept:
  # each run takes a fresh one from the kernel, so no file or process output can forge a frame.
  ag_sn=
  IFS=- read -r ag_u1 ag_u2 ag_u3 ag_u4 ag_u5 2>/dev/null </proc/sys/kernel/random/uuid &&
    ag_sn=$ag_u1$ag_u2$ag_u3$ag_u4$ag_u5
  case $ag_sn in *[!0-9a-f]* | '') ag_sn=$(od -An -N16 -tx1 /dev/urandom 2>/dev/null | tr -d ' \n') ;; esac
  case $ag_sn in *[!0-9a-f]* | '') ag_sn=__NONCE__ ;; esac
  ag_b=$(ag_main; printf .)
  ag_b=${ag_b%.}
  printf '%s' "$ag_b"
  ag_sum=$(printf '%s' "$ag_b" | cksum)
  printf '@@%s sum %s\n' "$ag_sn" "$ag_sum"
}
