#!/usr/bin/env python3
"""Tabulate auditgap / Lynis / OpenSCAP verdicts for the topics where they overlap.

usage: extract.py OUT      (OUT = the output dir of compare.sh)

Reads OUT/auditgap/report.json, OUT/lynis/<host>.{log,dat} (and <host>nonroot.*),
OUT/oscap/<host>.xml; writes OUT/verdicts.csv and OUT/verdicts.md.
Normalised verdicts: pass | fail | skip (the tool ran but skipped/errored/not applicable, with the reason)
| none (the tool has no test for this topic). A topic row is a DISAGREEMENT when two tools that gave
pass/fail differ.
"""
import csv
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

# summary-table columns (hosts where a peer ran, plus nosudo); the csv has every host auditgap scanned
HOSTS = ["hardened", "complete", "tricky", "task-never", "drift", "drift-unloaded", "rsyslog-after-stop",
         "sshd-loglevel-shadowed", "debian-auditd", "debian-stock", "nosudo"]

# topic -> (auditgap check-id regexes, lynis tests, openscap rule-id regexes (suffix after content_rule_))
TOPICS = [
    ("auditd installed", [r"^auditd\.installed$"], ["ACCT-9628"], [r"^package_audit_installed$"]),
    ("auditd running + enabled at boot", [r"^auditd\.running$"], ["ACCT-9628"], [r"^service_auditd_enabled$"]),
    ("execve (every user command) audited", [r"^audit\.execve$"], ["ACCT-9630"], []),
    ("rules immutable (-e 2)", [r"^audit\.immutable$"], [], [r"^audit_rules_immutable$"]),
    ("loaded rules = on-disk rules", [r"^audit\.rules-drift$"], [], []),
    ("no suppressing rule (never/task first)", [r"^audit\.no-suppression$"], [], []),
    ("kernel audit=1 / backlog at boot", [r"^kernel\.audit-"], [], [r"^grub2_audit"]),
    ("login UIDs immutable", [r"^audit\.loginuid-immutable$"], [], [r"^audit_rules_immutable_login_uids$"]),
    ("audit rules: identity files", [r"^audit\..*(identity|usergroup|account)"], [],
     [r"^audit_rules_usergroup_modification"]),
    ("audit rules: sudoers", [r"^audit\..*(sudoers|privilege-config|scope)"], [], [r"^audit_rules_sysadmin_actions$"]),
    ("audit rules: time changes", [r"^audit\..*time"], [], [r"^audit_rules_time_"]),
    ("audit rules: session/login files", [r"^audit\..*(session|login|logins)(?!.*uid)"], [],
     [r"^audit_rules_session_events$", r"^audit_rules_login_events"]),
    ("audit rules: privileged commands", [r"^audit\..*privileged"], [],
     [r"^audit_rules_privileged_commands$", r"^audit_privileged_commands_"]),
    ("auditd.conf valid, local logging", [r"^auditd-conf\.(valid|local-logging)$"], ["ACCT-9632"],
     [r"^auditd_(local_events|write_logs|log_format)$"]),
    ("auditd.conf disk-space actions", [r"^auditd-conf\.(space-left|admin-space-left|disk-full-error)$"], [],
     [r"^auditd_data_(retention_space_left_action|retention_admin_space_left_action|disk_full_action|disk_error_action)$"]),
    ("auditd.conf max_log_file_action", [r"^auditd-conf\.max-log-file-action$"], [],
     [r"^auditd_data_retention_max_log_file_action$"]),
    ("audit log capacity / retention", [r"^retention\.audit-log$"], ["ACCT-9634"],
     [r"^auditd_data_retention_(num_logs|max_log_file)$"]),
    ("sshd LogLevel", [r"^sshd\.log-level$"], ["SSH-7408:LogLevel"],
     [r"^sshd_set_loglevel_verbose$", r"^sshd_set_loglevel_info$"]),
    ("syslog forwarding (rsyslog remote)", [r"^logs\.forwarding$"], ["LOGG-2154"], [r"^rsyslog_remote_loghost$"]),
    ("forwarding over TLS", [r"^logs\.forwarding-tls$"], [], [r"^rsyslog_encrypt_offload_", r"^rsyslog_remote_tls"]),
    ("audit records forwarded", [r"^audit\.forwarding$"], [], [r"^auditd_audispd_syslog_plugin_activated$"]),
    ("journald persistence", [r"^retention\.journal$", r"^journald\."], ["LOGG-2136"], [r"^journald_"]),
    ("logrotate retention (auth log)", [r"^retention\.auth-log$"], ["LOGG-2146", "LOGG-2148"],
     [r"^ensure_logrotate_activated$"]),
    ("time synchronisation", [r"^time\."], ["TIME-3104"], [r"^(service_chronyd|chronyd_|ntpd_|service_ntp|service_systemd-timesyncd)"]),
    ("sshd UsePAM + pam_loginuid", [r"^pam\.loginuid$", r"^sshd\.use-pam$"], [], [r"^sshd_enable_pam$"]),
    ("sudo log file", [r"^sudo\.logfile$"], [], [r"^sudo_custom_logfile$"]),
    ("pam_tty_audit for SSH sessions", [r"^pam\.tty-audit$"], [], [r"tty_audit"]),
]


def load_auditgap(out):
    p = os.path.join(out, "auditgap", "report.json")
    if not os.path.exists(p):
        return {}, []
    d = json.load(open(p))
    res, ids = {}, []
    for h in d["hosts"]:
        res[h["name"]] = {f["check"]: f for f in h["findings"]}
        for f in h["findings"]:
            if f["check"] not in ids:
                ids.append(f["check"])
    return res, ids


def load_lynis(out, host):
    log = os.path.join(out, "lynis", host + ".log")
    dat = os.path.join(out, "lynis", host + ".dat")
    if not os.path.exists(log) or os.path.getsize(log) == 0:
        return None
    tests, cur = {}, None
    for line in open(log, errors="replace"):
        line = line.rstrip("\n")
        body = line[20:] if re.match(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d ", line) else line
        m = re.match(r"Performing test ID (\S+)", body)
        if m:
            cur = m.group(1)
            tests[cur] = {"ran": True, "lines": [], "skip": None}
            continue
        m = re.match(r"Skipped test (\S+)", body)
        if m:
            cur = m.group(1)
            tests[cur] = {"ran": False, "lines": [], "skip": ""}
            continue
        if body.startswith("===") or body.startswith("Action: Performing"):
            cur = None
            continue
        if cur:
            if body.startswith("Reason to skip:"):
                tests[cur]["skip"] = body[len("Reason to skip: "):]
            else:
                tests[cur]["lines"].append(body)
    sugg = []
    if os.path.exists(dat):
        for line in open(dat, errors="replace"):
            m = re.match(r"^(suggestion|warning)\[\]=([^|]+)\|([^|]*)\|([^|]*)", line)
            if m:
                sugg.append((m.group(1), m.group(2), m.group(3), m.group(4)))
    return {"tests": tests, "sugg": sugg}


def lynis_verdict(ly, test):
    if ly is None:
        return ("not run", "")
    opt = None
    if ":" in test:
        test, opt = test.split(":", 1)
    t = ly["tests"].get(test)
    if t is None:
        return ("skip", f"{test} not in log (not run)")
    if not t["ran"]:
        return ("skip", f"{test} skipped: {t['skip']}")
    if opt:  # one option of SSH-7408
        rel = [l for l in t["lines"] if re.search(r"\b%s\b" % opt, l)]
        s = [x for x in ly["sugg"] if x[1] == test and x[3].startswith(opt)]
        detail = "; ".join(l.replace("Result: ", "") for l in rel if l.startswith("Result"))
        if not rel:
            return ("skip", f"{test}: {opt} not examined")
        if any("not found in output" in l for l in rel) and not s:
            return ("skip", f"{test}: '{opt} not found in output' (sshd -T printed nothing); Lynis reports no finding")
        return ("fail" if s else "pass", f"{test} {detail}" + (f" -> suggestion '{s[0][3]}'" if s else ""))
    s = [x for x in ly["sugg"] if x[1] == test]
    results = [l.replace("Result: ", "") for l in t["lines"] if l.startswith("Result")]
    if not results:  # e.g. LOGG-2136 logs only the process search
        results = [l for l in t["lines"] if l.startswith(("IsRunning", "Test:"))]
    muted = [l for l in results if "Skipping display warning" in l]
    if muted and not s:
        return ("skip", f"{test}: nothing found, warning muted by Lynis: {muted[0]}")
    if len(results) > 4:
        results = results[:2] + ["..."] + results[-2:]
    detail = f"{test}: " + "; ".join(results)
    if s:
        detail += " -> " + "; ".join(f"{k} '{txt}'" for k, _, txt, _ in s[:2])
        return ("fail", detail)
    return ("pass", detail)


def load_oscap(out, host):
    p = os.path.join(out, "oscap", host + ".xml")
    if not os.path.exists(p) or os.path.getsize(p) == 0:
        return None
    ns = {"x": "http://checklists.nist.gov/xccdf/1.2"}
    root = ET.parse(p).getroot()
    res = {}
    for rr in root.iter("{http://checklists.nist.gov/xccdf/1.2}rule-result"):
        rid = rr.get("idref").replace("xccdf_org.ssgproject.content_rule_", "")
        r = rr.find("x:result", ns)
        res[rid] = r.text if r is not None else "?"
    return res


def oscap_verdict(os_res, pats):
    if os_res is None:
        return ("not run", "")
    if not pats:
        return ("none", "no rule in the tailored profile")
    hits = sorted(k for k in os_res if any(re.search(p, k) for p in pats))
    if not hits:
        return ("none", "no selected rule")
    vals = {k: os_res[k] for k in hits if os_res[k] != "notselected"}
    if not vals:
        return ("none", "rules exist but are not selected: " + ", ".join(hits))
    fails = [k for k, v in vals.items() if v == "fail"]
    passes = [k for k, v in vals.items() if v == "pass"]
    other = [f"{k}={v}" for k, v in vals.items() if v not in ("pass", "fail")]
    if fails:
        v = "fail"
    elif passes:
        v = "pass"
    else:
        v = "skip"
    detail = []
    if fails:
        detail.append("fail: " + ", ".join(fails))
    if passes:
        detail.append("pass: " + ", ".join(passes))
    if other:
        detail.append(", ".join(other))
    return (v, "; ".join(detail))


def ag_verdict(ag, host, pats):
    h = ag.get(host)
    if h is None:
        return ("not run", "")
    hits = [c for c in h if any(re.search(p, c) for p in pats)]
    if not hits:
        return ("none", "no check in the catalog (yet)")
    sts = {c: h[c]["status"] for c in hits}
    if any(s == "fail" for s in sts.values()):
        v = "fail"
    elif any(s == "unknown" for s in sts.values()):
        v = "unknown"
    elif any(s == "pass" for s in sts.values()):
        v = "pass"
    else:
        v = "skip"
    detail = "; ".join(f"{c}={h[c]['status']}: {h[c]['reason'] or ''}"[:300] for c in hits)
    return (v, detail)


SHORT = {"pass": "P", "fail": "F", "skip": "s", "none": "–", "not run": "·", "unknown": "?"}


def main():
    out = sys.argv[1]
    ag, ag_ids = load_auditgap(out)
    rows = []
    mapped = set()
    for topic, agp, lyt, osp in TOPICS:
        for c in ag_ids:
            if any(re.search(p, c) for p in agp):
                mapped.add(c)
        for host in HOSTS:
            a = ag_verdict(ag, host, agp)
            ly = load_lynis(out, host)
            if lyt:
                lv = [lynis_verdict(ly, t) for t in lyt] if ly is not None else [("not run", "")]
                order = ["fail", "pass", "skip", "not run"]
                l = (min((x[0] for x in lv), key=order.index), " | ".join(x[1] for x in lv if x[1]))
            else:
                l = ("none" if ly is not None else "not run", "no test" if ly is not None else "")
            lnr = load_lynis(out, host + "nonroot")
            if lnr is not None and lyt:
                lv = [lynis_verdict(lnr, t) for t in lyt]
                lnr_v = (min((x[0] for x in lv), key=["fail", "pass", "skip"].index), " | ".join(x[1] for x in lv))
            else:
                lnr_v = None
            o = oscap_verdict(load_oscap(out, host), osp)
            decided = {t: v[0] for t, v in (("auditgap", a), ("lynis", l), ("oscap", o)) if v[0] in ("pass", "fail")}
            dis = len(set(decided.values())) > 1
            rows.append(dict(topic=topic, host=host, auditgap=a, lynis=l, lynis_nonroot=lnr_v, oscap=o, disagree=dis))

    with open(os.path.join(out, "verdicts.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["topic", "host", "auditgap", "auditgap_detail", "lynis", "lynis_detail", "lynis_nonroot",
                    "lynis_nonroot_detail", "oscap", "oscap_detail", "disagreement"])
        for r in rows:
            lnr = r["lynis_nonroot"] or ("", "")
            w.writerow([r["topic"], r["host"], r["auditgap"][0], r["auditgap"][1], r["lynis"][0], r["lynis"][1],
                        lnr[0], lnr[1], r["oscap"][0], r["oscap"][1], "yes" if r["disagree"] else ""])

    with open(os.path.join(out, "verdicts.md"), "w") as f:
        f.write("Cells: auditgap / Lynis / OpenSCAP. P pass, F fail, s skipped or error (see csv), "
                "? unknown, – no test for the topic, · tool not run on this host. **bold** = the tools disagree.\n\n")
        f.write("| topic | " + " | ".join(HOSTS) + " |\n|---|" + "---|" * len(HOSTS) + "\n")
        for topic, *_ in TOPICS:
            cells = []
            for host in HOSTS:
                r = next(x for x in rows if x["topic"] == topic and x["host"] == host)
                c = "/".join(SHORT.get(r[k][0], r[k][0]) for k in ("auditgap", "lynis", "oscap"))
                cells.append(f"**{c}**" if r["disagree"] else c)
            f.write(f"| {topic} | " + " | ".join(cells) + " |\n")
        f.write("\n## Details\n\n| topic | host | auditgap | Lynis | Lynis non-root | OpenSCAP |\n|---|---|---|---|---|---|\n")
        esc = lambda s: s.replace("|", "\\|").replace("\n", " ")
        for r in rows:
            lnr = r["lynis_nonroot"]
            f.write(f"| {r['topic']}{' **(disagree)**' if r['disagree'] else ''} | {r['host']} | "
                    f"{r['auditgap'][0]}: {esc(r['auditgap'][1])} | {r['lynis'][0]}: {esc(r['lynis'][1])} | "
                    f"{(lnr[0] + ': ' + esc(lnr[1])) if lnr else ''} | {r['oscap'][0]}: {esc(r['oscap'][1])} |\n")
        unmapped = [c for c in ag_ids if c not in mapped]
        f.write("\nauditgap checks with no peer topic: " + (", ".join(unmapped) or "none") + "\n")
    n = sum(r["disagree"] for r in rows)
    print(f"extract: {len(rows)} topic x host rows, {n} disagreements; unmapped auditgap checks: "
          f"{', '.join(c for c in ag_ids if c not in mapped) or 'none'}")


if __name__ == "__main__":
    main()
