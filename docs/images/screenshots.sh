#!/bin/sh
# Regenerates the README's screenshots from a real report: headless Chromium for the HTML (the page
# scrolled to a section inside a full-window iframe, so each image is a real rendering of one part of
# report.html) and poppler's pdftoppm for the first PDF pages.
#
#   docs/images/screenshots.sh REPORT_DIR [FRAMEWORKS_REPORT_DIR] [HOST_ID]
#
# REPORT_DIR holds report.html and report.pdf from `auditgap scan --format html,pdf`; the frameworks
# image comes from FRAMEWORKS_REPORT_DIR when given (a scan whose controls are not all decided, e.g.
# a container's); HOST_ID is the element id of the host section to show (default host-0).
# Needs chromium and poppler-utils (scanner/src/test/report-packages.txt).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 REPORT_DIR [FRAMEWORKS_REPORT_DIR] [HOST_ID]" >&2; exit 2; }
report=$(cd "$1" && pwd)
frameworks=$(cd "${2:-$1}" && pwd)
host=${3:-host-0}
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/fw"
cp "$report/report.html" "$work/report.html"
cp "$frameworks/report.html" "$work/fw/report.html"
cat >"$work/shot.html" <<'EOF'
<!doctype html>
<style>html, body { margin: 0; overflow: hidden } iframe { border: 0; width: 100vw; height: 100vh }</style>
<iframe id="f" src="report.html"></iframe>
<script>
  document.getElementById('f').onload = function () {
    var id = location.search.slice(1);
    var e = id && this.contentDocument.getElementById(id);
    if (e && e.tagName === 'DETAILS') e.open = true;
    if (e) this.contentWindow.scrollTo(0, e.getBoundingClientRect().top + this.contentWindow.scrollY - 64);
  };
</script>
EOF
shot() { # NAME SECTION-ID HEIGHT [DIR]
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
    --virtual-time-budget=3000 --window-size="1366,$3" --screenshot="$out/$1" \
    "file://$work/${4:-.}/shot.html?$2" >/dev/null 2>&1
  [ -s "$out/$1" ] || { echo "chromium wrote no $1" >&2; exit 1; }
  echo "wrote $out/$1"
}
shot report-html.png "" 900
cp "$work/shot.html" "$work/fw/shot.html"
shot report-html-frameworks.png frameworks 900 fw
shot report-html-host.png "$host" 1100
for n in 1 2 3; do
  pdftoppm -png -r 60 -f "$n" -l "$n" -singlefile "$report/report.pdf" "$out/report-pdf-0$n"
  echo "wrote $out/report-pdf-0$n.png"
done
