#!/usr/bin/env python3
"""benchmarks/scale/measure.py: time CinemaAuthHost's list, search, login-history and role-edit requests over HTTP
(loopback, one keep-alive connection, requests one after another) against a database loaded by load.sql.

  measure.py measure URL USERS SAMPLES OUT.json   # env: PSQL (a psql command line for the database), PASSWORD
  measure.py table 10k.json 1m.json              # prints the markdown table: both scales and the ratio

Latencies are wall-clock per request as the client sees it (p50/p95 over SAMPLES requests after 3 warm-ups).
"""
import http.client
import json
import math
import os
import shlex
import subprocess
import sys
import time
import urllib.parse


class Client:
    def __init__(self, url):
        parsed = urllib.parse.urlparse(url)
        assert parsed.hostname in ("127.0.0.1", "localhost", "::1"), "loopback only"
        self.conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=600)
        self.token = None

    def call(self, method, path, body=None, expect=200):
        headers = {"Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        start = time.perf_counter()
        self.conn.request(method, path, body=data, headers=headers)
        response = self.conn.getresponse()
        payload = response.read()
        elapsed = (time.perf_counter() - start) * 1000
        if response.status != expect:
            raise SystemExit(f"{method} {path} answered {response.status}: {payload[:500]!r}")
        return (json.loads(payload) if payload else None), elapsed


def login(url, email, password):
    client = Client(url)
    tokens, _ = client.call("POST", "/auth/login", {"email": email, "password": password})
    client.token = tokens["accessToken"]
    return client


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, math.ceil(p / 100 * len(ordered)) - 1))]


def sample(client, path, samples):
    for _ in range(3):
        client.call("GET", path)
    times = [client.call("GET", path)[1] for _ in range(samples)]
    return {"p50": percentile(times, 50), "p95": percentile(times, 95), "path": path}


def with_query(path, **query):
    sep = "&" if "?" in path else "?"
    return path + sep + urllib.parse.urlencode(query)


def deep(client, path, depth_rows, page_size):
    """The request of the page depth_rows into the list: by walking nextCursor when the list has one, else page=."""
    first, _ = client.call("GET", with_query(path, pageSize=page_size))
    if isinstance(first, dict) and "nextCursor" in first:
        cursor, walked = first.get("nextCursor"), page_size
        while cursor and walked < depth_rows:
            page, _ = client.call("GET", with_query(path, pageSize=page_size, cursor=cursor))
            walked += len(page["items"])
            if not page.get("nextCursor"):
                break
            cursor = page["nextCursor"]
        return with_query(path, pageSize=page_size, cursor=cursor), walked
    page = max(1, depth_rows // page_size)
    return with_query(path, pageSize=page_size, page=page), page * page_size


def psql(sql):
    out = subprocess.run(shlex.split(os.environ["PSQL"]) + ["-XtAq", "-c", sql], check=True, capture_output=True, text=True)
    return out.stdout.strip()


def measure(url, users, samples, out):
    password = os.environ.get("PASSWORD", "Cinema-Demo-2026!")
    admin = login(url, "superadmin@example.com", password)
    heavy = login(url, "heavy@scale.example", os.environ["HEAVY_PASSWORD"])
    k = max(1, int(users * 0.4242))
    result = {"users": users, "samples": samples}
    prefix = f"scale{k:07d}"
    substring = f"{k:07d}"[1:] + "@scale"
    for name, term in (("search prefix (1 match)", prefix), ("search substring (1 match)", substring),
                       ("search name substring (1/40 of users)", "ovelac")):
        found, _ = admin.call("GET", with_query("/users", search=term, pageSize=20))
        result[name] = sample(admin, with_query("/users", search=term, pageSize=20), samples)
        result[name]["matches"] = len(found["items"])
    result["users page 1"] = sample(admin, "/users?pageSize=20", samples)
    depth = min(users // 2, 100_000)
    path, walked = deep(admin, "/users", depth, 100)
    result[f"users deep page"] = sample(admin, path, samples) | {"depth": walked}
    result["heavy login history page 1"] = sample(heavy, "/me/login-history?pageSize=20", samples)
    path, walked = deep(heavy, "/me/login-history", 100_000, 100)
    result["heavy login history deep page"] = sample(heavy, path, samples) | {"depth": walked}

    roles, _ = admin.call("GET", "/roles")
    roles = roles["items"] if isinstance(roles, dict) else roles
    role = next(r for r in roles if r["name"] == "user")
    edits = []
    heap_start = int(psql("SELECT pg_relation_size('rbac_users')"))
    # Three edits first, unmeasured, like the warm-ups of every other figure (the endpoint's first calls JIT-compile it
    # and load the caches), then the measured ones.
    for _ in range(3):
        admin.call("PUT", f"/roles/{role['id']}", {"name": "user", "description": "every account (warm-up)", "permissions": role["permissions"]})
    for i in range(max(3, min(samples, 20))):
        wal0 = psql("SELECT pg_current_wal_insert_lsn()")
        heap0 = int(psql("SELECT pg_relation_size('rbac_users')"))
        _, ms = admin.call("PUT", f"/roles/{role['id']}", {"name": "user", "description": f"every account (edit {i})", "permissions": role["permissions"]})
        wal = int(float(psql(f"SELECT pg_current_wal_insert_lsn() - '{wal0}'::pg_lsn")))
        heap1 = int(psql("SELECT pg_relation_size('rbac_users')"))
        edits.append({"ms": ms, "wal": wal, "heap_before": heap0, "heap_after": heap1})
    result["role edit"] = {
        "p50": percentile([e["ms"] for e in edits], 50), "p95": percentile([e["ms"] for e in edits], 95),
        "wal_max": max(e["wal"] for e in edits), "heap_before": heap_start, "heap_after": edits[-1]["heap_after"],
        "edits": len(edits) + 3,
        "holders": int(psql("SELECT count(*) FROM rbac_user_roles g JOIN rbac_roles r ON r.\"Id\" = g.\"RoleId\" WHERE r.\"NormalizedName\" = 'USER'")),
    }
    # The holder's next request sees the edit (the cache dropped the role, not the user).
    admin.call("POST", "/authz/check", {"permission": "movies:read"})
    with open(out, "w") as f:
        json.dump(result, f, indent=1)
    print(json.dumps(result, indent=1))


def fmt_ms(v):
    return f"{v:.1f} ms" if v < 100 else f"{v:,.0f} ms"


def fmt_bytes(v):
    for unit, size in (("MB", 1 << 20), ("kB", 1 << 10)):
        if v >= size:
            return f"{v / size:,.1f} {unit}"
    return f"{v} B"


def table(small_path, large_path):
    small, large = (json.load(open(p)) for p in (small_path, large_path))
    print(f"| what | {small['users']:,} users | {large['users']:,} users | ratio |")
    print("|---|---|---|---|")
    for key, value in small.items():
        if not isinstance(value, dict) or key == "role edit":
            continue
        other = large[key]
        label = key + (f" ({value.get('depth', 0):,} / {other.get('depth', 0):,} rows deep)" if "depth" in value else "")
        for p in ("p50", "p95"):
            print(f"| {label} {p} | {fmt_ms(value[p])} | {fmt_ms(other[p])} | {other[p] / value[p]:.2f} |")
    a, b = small["role edit"], large["role edit"]
    print(f"| role `user` edit ({a['holders']:,} / {b['holders']:,} holders) p50 | {fmt_ms(a['p50'])} | {fmt_ms(b['p50'])} | {b['p50'] / a['p50']:.2f} |")
    print(f"| role `user` edit p95 | {fmt_ms(a['p95'])} | {fmt_ms(b['p95'])} | {b['p95'] / a['p95']:.2f} |")
    print(f"| role edit WAL (max of the edits) | {fmt_bytes(a['wal_max'])} | {fmt_bytes(b['wal_max'])} | {b['wal_max'] / max(1, a['wal_max']):.2f} |")
    print(f"| users heap before -> after all {a.get('edits', '')} edits | {fmt_bytes(a['heap_before'])} -> {fmt_bytes(a['heap_after'])} | {fmt_bytes(b['heap_before'])} -> {fmt_bytes(b['heap_after'])} | growth {b['heap_after'] - b['heap_before']} B |")


if __name__ == "__main__":
    if sys.argv[1] == "measure":
        measure(sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5])
    else:
        table(sys.argv[2], sys.argv[3])
