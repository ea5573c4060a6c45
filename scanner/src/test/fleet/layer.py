#!/usr/bin/env python3
"""layer.py LAYER ABSENT_FILE CACHE_DIR - finish a host's overlay layer (called by fleet.sh while staging).

1. `.fleet-opaque` marker files -> trusted.overlay.opaque=y on their dir (only fixture content is visible).
2. `.fleet-whiteout` files -> overlay whiteouts (char 0/0) for the names listed in them.
3. every package named in ABSENT_FILE is made "never installed" in the host's view:
   - whiteouts for the files it owns (dpkg's /var/lib/dpkg/info/<pkg>.list, usr-merge aware: /sbin/x is
     shown as /usr/sbin/x) and for the directories no other package owns (so /etc/audit, /var/log/audit go);
   - whiteouts for /var/lib/dpkg/info/<pkg>.* and for symlinks pointing at its units / init scripts
     (/etc/systemd/system/*.wants/auditd.service, /etc/rc?.d/S01auditd, syslog.service -> rsyslog.service);
   - LAYER/var/lib/dpkg/status = the machine's status without the package's stanza (dpkg -s / dpkg -l /
     dpkg-query then say "not installed", like on a host where it never was).
"""
import json
import os
import stat
import sys

OVERLAID = ("/etc/", "/usr/", "/var/", "/opt/", "/srv/", "/boot/")
INFO = "/var/lib/dpkg/info"
STATUS = "/var/lib/dpkg/status"


def mkdirs_like_real(layer, d):
    """create LAYER/d and missing parents with the real dirs' mode/owner (a merged dir takes the layer's)."""
    parts, cur = d.strip("/").split("/"), ""
    for p in parts:
        cur += "/" + p
        ld = layer + cur
        if not os.path.isdir(ld):
            os.mkdir(ld)
            try:
                st = os.stat(cur)
                os.chmod(ld, stat.S_IMODE(st.st_mode))
                os.chown(ld, st.st_uid, st.st_gid)
            except FileNotFoundError:
                os.chmod(ld, 0o755)


def is_opaque(layer, d):
    a = d
    while len(a) >= len(layer):
        try:
            if "trusted.overlay.opaque" in os.listxattr(a):
                return True
        except OSError:
            pass
        a = os.path.dirname(a)
    return False


def whiteout(layer, path):
    """hide absolute PATH (as seen in the host): drop it from the layer (an inherited fixture's file)
    and, if the real tree has it, put a whiteout in its place."""
    lp = layer + path
    if os.path.lexists(lp):
        if os.path.isdir(lp) and not os.path.islink(lp):
            import shutil
            shutil.rmtree(lp)
        else:
            os.unlink(lp)
    if not os.path.lexists(path):
        return
    mkdirs_like_real(layer, os.path.dirname(path))
    if is_opaque(layer, os.path.dirname(lp)):
        return  # an opaque dir already hides everything of the real tree
    os.mknod(lp, 0o600 | stat.S_IFCHR, os.makedev(0, 0))


def canon_factory():
    cache = {}

    def canon(p):
        d, b = os.path.split(p.rstrip("/") or "/")
        if d not in cache:
            cache[d] = os.path.realpath(d)
        return os.path.join(cache[d], b)

    return canon


def package_paths(pkgs, cache_dir):
    """(files, dirs, infofiles) to hide for PKGS; cached per dpkg status version."""
    st = os.stat(STATUS)
    key = os.path.join(cache_dir, "absent-%s-%d-%d.json" % ("+".join(sorted(pkgs)), st.st_mtime_ns, st.st_size))
    if os.path.exists(key):
        with open(key) as f:
            return json.load(f)
    canon = canon_factory()
    mine, others, infofiles = set(), set(), []
    for fn in os.listdir(INFO):
        base = fn.split(".", 1)[0].split(":", 1)[0]
        if base in pkgs:
            infofiles.append(os.path.join(INFO, fn))
        if not fn.endswith(".list"):
            continue
        target = mine if base in pkgs else others
        with open(os.path.join(INFO, fn), errors="replace") as f:
            for line in f:
                p = line.rstrip("\n")
                if p and p != "/.":
                    target.add(canon(p))
    dirs, files = [], []
    for p in sorted(mine):
        if not p.startswith(OVERLAID) or p.count("/") < 2:
            continue
        if os.path.isdir(p) and not os.path.islink(p):
            if p not in others:
                dirs.append(p)
        elif p not in others:
            files.append(p)
    # drop entries inside a hidden dir
    top = []
    for d in sorted(dirs):
        if not any(d.startswith(t + "/") for t in top):
            top.append(d)
    files = [f for f in files if not any(f.startswith(t + "/") for t in top)]
    # symlinks to the package's units / init scripts (created by postinst, not in the .list)
    names = {os.path.basename(f) for f in files if "/systemd/system/" in f or f.startswith("/etc/init.d/")}
    links = []
    for root in ["/etc/systemd/system"] + ["/etc/rc%s.d" % r for r in "0123456S"]:
        for d, _, fns in os.walk(root):
            for fn in fns:
                p = os.path.join(d, fn)
                if os.path.islink(p) and os.path.basename(os.readlink(p)) in names:
                    links.append(p)
    res = {"dirs": top, "files": files + links, "info": sorted(infofiles)}
    os.makedirs(cache_dir, exist_ok=True)
    with open(key + ".tmp%d" % os.getpid(), "w") as f:
        json.dump(res, f)
    os.replace(key + ".tmp%d" % os.getpid(), key)
    return res


def strip_status(pkgs):
    out = []
    with open(STATUS) as f:
        for stanza in f.read().split("\n\n"):
            name = None
            for line in stanza.splitlines():
                if line.startswith("Package: "):
                    name = line[9:].strip()
                    break
            if stanza.strip() and name not in pkgs:
                out.append(stanza.strip("\n"))
    return "\n\n".join(out) + "\n"


def main():
    layer, absent_file, cache_dir = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
    for d, dirs, files in os.walk(layer):
        if ".fleet-opaque" in files:
            os.setxattr(d, "trusted.overlay.opaque", b"y")
            os.unlink(os.path.join(d, ".fleet-opaque"))
    for d, dirs, files in os.walk(layer):
        if ".fleet-whiteout" in files:
            wl = os.path.join(d, ".fleet-whiteout")
            with open(wl) as f:
                names = f.read().split()
            os.unlink(wl)
            for n in names:
                whiteout(layer, "/" + os.path.relpath(os.path.join(d, n), layer))
    pkgs = set(open(absent_file).read().split()) if os.path.exists(absent_file) else set()
    if not pkgs:
        return
    res = package_paths(pkgs, cache_dir)
    for p in res["dirs"] + res["files"] + res["info"]:
        whiteout(layer, p)
    mkdirs_like_real(layer, "/var/lib/dpkg")
    with open(layer + STATUS, "w") as f:
        f.write(strip_status(pkgs))
    os.chmod(layer + STATUS, 0o644)


if __name__ == "__main__":
    main()
