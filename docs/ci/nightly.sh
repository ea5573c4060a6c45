#!/bin/sh
# Nightly scan from cron with a baseline kept between runs: only gaps that are NEW since the last
# run fail (exit 1); every run's reports are kept by date, the newest is the next baseline.
#
#   17 3 * * *  auditor  /usr/local/bin/auditgap-nightly.sh /etc/auditgap/inventory.yaml /var/lib/auditgap
#
# Exit codes are auditgap's: 0 no new gap, 1 new gaps at or above $AUDITGAP_FAIL_ON (default low),
# 3 some host not fully assessed, 2 bad input.
set -eu
inventory=${1:?usage: nightly.sh INVENTORY STATE_DIR}
state=${2:?usage: nightly.sh INVENTORY STATE_DIR}
fail_on=${AUDITGAP_FAIL_ON:-low}
waivers=${AUDITGAP_WAIVERS:-}
run="$state/runs/$(date -u +%Y-%m-%dT%H%M%SZ)"
mkdir -p "$state/runs"

set -- scan -i "$inventory" --format console,json,html,junit,csv --color never -o "$run"
if [ -f "$state/baseline/report.json" ]; then
  set -- "$@" --baseline "$state/baseline/report.json" --fail-on "$fail_on,new"
else
  set -- "$@" --fail-on "$fail_on"   # first run: no baseline yet, every gap counts
fi
if [ -n "$waivers" ]; then set -- "$@" --waivers "$waivers"; fi

rc=0
auditgap "$@" > "$run.txt" 2>&1 || rc=$?
# A run that produced a report becomes the next baseline; a usage error (2) keeps the old one.
if [ "$rc" != 2 ] && [ -f "$run/report.json" ]; then
  ln -sfn "$run" "$state/baseline.new" && mv -T "$state/baseline.new" "$state/baseline"
fi
grep -E '^(Since the baseline|Summary|Accepted risks)' "$run.txt" || true
exit "$rc"
