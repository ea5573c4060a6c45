#!/bin/sh
# Regenerates the README's screenshots from a real report: headless Chromium for the HTML (the page
# scrolled to a section inside a full-window iframe, so each image is a real rendering of one part of
# report.html) and poppler's pdftoppm for the first PDF pages.
#
#   docs/images/screenshots.sh REPORT_DIR [HOST_ID]
#
# REPORT_DIR holds report.html and report.pdf from `auditgap scan --format html,pdf`; HOST_ID is the
# element id of the host section to show (default: the first host section, host-0).
# Needs chromium and poppler-utils (scanner/src/test/report-packages.txt).
set -eu
[ $# -ge 1 ] || { echo "usage: $0 REPORT_DIR [HOST_ID]" >&2; exit 2; }
report=$(cd "$1" && pwd)
host=${2:-host-0}
out=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$report/report.html" "$work/report.html"
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
shot() { # NAME SECTION-ID HEIGHT
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
    --virtual-time-budget=3000 --window-size="1366,$3" --screenshot="$out/$1" \
    "file://$work/shot.html?$2" >/dev/null 2>&1
  [ -s "$out/$1" ] || { echo "chromium wrote no $1" >&2; exit 1; }
  echo "wrote $out/$1"
}
shot report-html.png "" 900
shot report-html-frameworks.png frameworks 900
shot report-html-host.png "$host" 1100
pdftoppm -png -r 60 -f 1 -l 3 "$report/report.pdf" "$work/page"
for n in 1 2 3; do
  cp "$work/page-$n.png" "$out/report-pdf-0$n.png" 2>/dev/null || cp "$work/page-0$n.png" "$out/report-pdf-0$n.png"
  echo "wrote $out/report-pdf-0$n.png"
done
