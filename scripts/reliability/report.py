#!/usr/bin/env python3
"""Writes docs/RELIABILITY.md from the figures scripts/reliability/run.sh collected."""
import argparse, datetime, json, os, platform, subprocess

p = argparse.ArgumentParser()
for name in ("out", "redis", "postgres", "orphans-before", "orphans", "orphan-sessions", "kill", "propagation", "soak", "figures"):
    p.add_argument("--" + name)
a = p.parse_args()
redis, pg, kill, prop, soak = (json.loads(x) for x in (a.redis, a.postgres, a.kill, a.propagation, a.soak))
figures = []
if a.figures and os.path.exists(a.figures):
    figures = [line.rstrip("\n").split("\t", 1) for line in open(a.figures) if "\t" in line]
commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
cpus = os.cpu_count()


def kb(v):
    return "/".join(f"{x / 1024:.0f} MB" for x in v) if v else "n/a"


rows = [
    ("Redis stopped 10 s during load (2 instances)",
     f"{redis['requests']} requests, {redis['errors']} errors (5xx or connection), statuses {redis['statuses']}, p95 {redis['p95_ms']} ms",
     f"readiness during outage {redis['ready_during_outage']}; token after logout during outage → {redis['token_after_logout_during_outage']} (A, B); "
     f"after Redis back → {redis['token_after_logout_after_restart']}; ready again {redis['seconds_to_ready_after_restart']} s after restart"),
    ("PostgreSQL stopped 8 s and restarted during load",
     f"{pg['requests']} requests, {pg['errors']} errors (500 or connection; {pg['errors_during_outage_window']} inside the outage window), "
     f"{pg.get('unavailable_503', 0)} answered 503 + Retry-After while the database was unreachable, statuses {pg['statuses']}",
     f"readiness during outage {pg['ready_during_outage']}; ready again {pg['seconds_to_ready_after_restart']} s after restart, no host restart; "
     f"users without a role grant: {a.orphans_before} before, {a.orphans} after; sessions without a refresh token: {a.orphan_sessions}"),
    ("Host SIGKILLed during registrations (8 concurrent clients)",
     f"{kill['acknowledged']} registrations acknowledged (201) before the kill; driver statuses {kill['driver']['statuses']}",
     f"lost acknowledged writes: {kill['lost']}; partial users (no role grant): {kill['partial']}; rows: {kill['rows']}"),
    ("Two instances: revocation crosses (logout on A, token refused on B)",
     f"{prop['trials']} trials", f"p50 {prop['revocation_p50_ms']} ms, max {prop['revocation_max_ms']} ms"),
    ("Two instances: permission grant crosses (role granted on A, /authz/check on B)",
     f"{prop['trials']} trials", f"p50 {prop['grant_p50_ms']} ms, max {prop['grant_max_ms']} ms; all within 1 s: {prop['within_1s']}"),
    ("Two instances: role edit crosses (a role's permissions edited on A, /authz/check by its holder on B)",
     f"{prop['trials']} trials", f"p50 {prop.get('role_edit_p50_ms')} ms, max {prop.get('role_edit_max_ms')} ms"),
    (f"Soak: {soak['seconds']:.0f} s at {soak['rate']:.0f} req/s, mixed traffic on 2 instances",
     f"{soak['requests']} requests, {soak['errors']} errors, {soak.get('unavailable_503', 0)} answered 503, statuses {soak['statuses']}",
     f"latency p50 {soak['p50_ms']} ms, p95 {soak['p95_ms']} ms, p99 {soak['p99_ms']} ms, max {soak['max_ms']} ms; "
     f"RSS start {kb(soak['rss_start_kb'])}, end {kb(soak['rss_end_kb'])}, max {kb(soak['rss_max_kb'])} (A/B)"),
]

with open(a.out, "w") as f:
    f.write("# Reliability report\n\n")
    f.write("Produced by `scripts/reliability/run.sh` (rerun it to refresh this page; `SOAK_SECONDS` sets the soak length, "
            "default 600). Real CinemaAuthHost processes (Release, Development environment, BCrypt work factor 4, rate limits off) "
            "on a throwaway PostgreSQL and Redis on loopback, driven by `scripts/reliability/driver.py`.\n\n")
    f.write(f"Run: {datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC, commit {commit}, {platform.system()} {platform.machine()}, {cpus} CPUs.\n\n")
    f.write("## Faults, propagation and soak\n\n| case | load | figure |\n|---|---|---|\n")
    for r in rows:
        f.write(f"| {r[0]} | {r[1]} | {r[2]} |\n")
    f.write("\nStatus `0` in the status counts is a connection error (refused or reset), counted as an error. "
            "503 is the host's designed answer while its database is unreachable (problem body, `Retry-After`), counted apart.\n")
    if soak.get("windows"):
        f.write("\n### Soak over time\n\nThe soak cut into equal slices: flat percentiles and RSS mean no drift.\n\n"
                "| slice (s) | requests | p50 ms | p95 ms | p99 ms | RSS at its end (A/B) |\n|---|---|---|---|---|---|\n")
        for w in soak["windows"]:
            f.write(f"| {w['from_s']}–{w['to_s']} | {w['requests']} | {w['p50_ms']} | {w['p95_ms']} | {w['p99_ms']} | {kb(w['rss_kb'])} |\n")
    if figures:
        f.write("\n## Races, enumeration timing and fuzz (xunit, `tests/CinemaAuthHost.SecurityTests`)\n\n"
                "Recorded by the tests through `RBACKIT_FIGURES`; the assertions are in the tests, these are the measured values.\n\n"
                "| figure | value |\n|---|---|\n")
        for name, value in figures:
            f.write(f"| {name} | {value} |\n")
