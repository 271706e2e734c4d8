#!/usr/bin/env python3
"""Load and fault driver for scripts/reliability/run.sh (standard library only).

Each subcommand talks to running CinemaAuthHost instances over HTTP and prints one JSON object with its figures.
"""
import argparse, json, os, random, threading, time, urllib.request, urllib.error, uuid
from concurrent.futures import ThreadPoolExecutor

PASSWORD = "Cinema-Demo-2026!"
STRONG = "velvet-harbor-quantum-07-lantern"


def call(base, method, path, body=None, token=None, timeout=15):
    """Returns (status, json-or-None, seconds); status 0 is a connection error."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("Authorization", "Bearer " + token)
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
            status = r.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    except Exception:
        return 0, None, time.perf_counter() - started
    elapsed = time.perf_counter() - started
    try:
        return status, (json.loads(raw) if raw else None), elapsed
    except ValueError:
        return status, None, elapsed


def login(base, email, password=PASSWORD):
    status, body, _ = call(base, "POST", "/auth/login", {"email": email, "password": password})
    assert status == 200, f"login {email} on {base}: {status} {body}"
    return body


def percentile(values, q):
    if not values:
        return None
    s = sorted(values)
    return round(s[min(len(s) - 1, max(0, int(round(q * len(s) + 0.5)) - 1))] * 1000, 2)


class Load:
    """Mixed traffic at a fixed rate: GET /me, GET /movies, POST /authz/check, and a login + refresh every tenth tick."""

    def __init__(self, bases, rate, workers=32):
        self.bases, self.rate = bases, rate
        self.pool = ThreadPoolExecutor(max_workers=workers)
        self.lock = threading.Lock()
        self.latencies, self.statuses, self.errors, self.unavailable = [], {}, [], 0
        self.timeline = []  # (seconds since start, latency ms) for per-window percentiles
        self.stop_flag = threading.Event()
        self.tokens = {b: login(b, "user@example.com")["accessToken"] for b in bases}

    def one(self, i):
        base = self.bases[i % len(self.bases)]
        kind = i % 10
        if kind == 9:
            status, body, t = call(base, "POST", "/auth/login", {"email": "moderator@example.com", "password": PASSWORD})
            if status == 200:
                s2, _, t2 = call(base, "POST", "/auth/refresh", {"refreshToken": body["refreshToken"]})
                self.record(s2, t2, "refresh")
        elif kind in (0, 3, 6):
            status, _, t = call(base, "GET", "/movies", token=self.tokens[base])
        elif kind in (1, 4, 7):
            status, _, t = call(base, "GET", "/me", token=self.tokens[base])
        else:
            status, _, t = call(base, "POST", "/authz/check", {"permission": "movies:read"}, token=self.tokens[base])
        if status == 401 and kind != 9:  # token expired during a long soak: sign in again
            self.tokens[base] = login(base, "user@example.com")["accessToken"]
        self.record(status, t, kind)

    def record(self, status, t, kind):
        with self.lock:
            self.latencies.append(t)
            self.timeline.append((time.time(), t))
            self.statuses[status] = self.statuses.get(status, 0) + 1
            if status == 503:  # the host's answer while its database is unreachable: a problem body with Retry-After
                self.unavailable += 1
            elif status == 0 or status >= 500:
                self.errors.append((time.time(), kind, status))

    def run(self, seconds):
        interval, i, started = 1.0 / self.rate, 0, time.perf_counter()
        while not self.stop_flag.is_set() and time.perf_counter() - started < seconds:
            target = started + i * interval
            delay = target - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            self.pool.submit(self.one, i)
            i += 1
        self.pool.shutdown(wait=True)
        return i

    def summary(self, sent):
        return {
            "requests": sum(self.statuses.values()), "scheduled": sent,
            "errors": len(self.errors), "unavailable_503": self.unavailable, "statuses": {str(k): v for k, v in sorted(self.statuses.items())},
            "p50_ms": percentile(self.latencies, 0.50), "p95_ms": percentile(self.latencies, 0.95),
            "p99_ms": percentile(self.latencies, 0.99), "max_ms": percentile(self.latencies, 1.0),
        }


def background(load, seconds):
    result = {}
    thread = threading.Thread(target=lambda: result.setdefault("sent", load.run(seconds)))
    thread.start()
    return thread, result


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return None


def revoked(base_login, base_check):
    """Logs in on one instance, logs out there, and reports whether the token is refused on the other."""
    status, tokens, _ = call(base_login, "POST", "/auth/login", {"email": "user@example.com", "password": PASSWORD})
    if status != 200:
        return f"login {status}"
    call(base_login, "POST", "/auth/logout", token=tokens["accessToken"])
    status, _, _ = call(base_check, "GET", "/me", token=tokens["accessToken"])
    return status


def cmd_outage(a):
    """Load on both instances while a service is stopped (by run.sh, told through a fifo-less sleep protocol)."""
    bases = a.bases.split(",")
    load = Load(bases, a.rate)
    thread, result = background(load, a.seconds)
    time.sleep(a.before)
    os.system(a.stop_cmd)
    stopped_at = time.time()
    time.sleep(1)
    ready = [call(b, "GET", "/health/ready")[0] for b in bases]
    revocation = [revoked(bases[0], b) for b in bases]
    time.sleep(max(0, a.outage - (time.time() - stopped_at)))
    os.system(a.start_cmd)
    restarted_at = time.time()
    recovered = None
    while time.time() - restarted_at < 60:
        if all(call(b, "GET", "/health/ready")[0] == 200 for b in bases):
            recovered = round(time.time() - restarted_at, 2)
            break
        time.sleep(0.2)
    revocation_after = [revoked(bases[0], b) for b in bases]
    thread.join()
    out = load.summary(result.get("sent", 0))
    errors_during = sum(1 for (t, _, _) in load.errors if stopped_at <= t <= restarted_at + (recovered or 60))
    out.update(ready_during_outage=ready, token_after_logout_during_outage=revocation, seconds_to_ready_after_restart=recovered,
               token_after_logout_after_restart=revocation_after, errors_during_outage_window=errors_during)
    print(json.dumps(out))


def cmd_propagation(a):
    bases = a.bases.split(",")
    revocations, grants, edits = [], [], []
    admin = login(bases[0], "superadmin@example.com")["accessToken"]
    for _ in range(a.trials):
        tokens = login(bases[0], "user@example.com")
        assert call(bases[1], "GET", "/me", token=tokens["accessToken"])[0] == 200
        call(bases[0], "POST", "/auth/logout", token=tokens["accessToken"])
        t0 = time.perf_counter()
        while call(bases[1], "GET", "/me", token=tokens["accessToken"])[0] != 401 and time.perf_counter() - t0 < 10:
            pass
        revocations.append(time.perf_counter() - t0)

        email = f"prop-{uuid.uuid4().hex}@example.com"
        s, user, _ = call(bases[0], "POST", "/auth/register", {"email": email, "password": STRONG, "passwordConfirm": STRONG, "firstName": "P", "lastName": "Q"})
        assert s == 201, (s, user)
        token = login(bases[1], email, STRONG)["accessToken"]
        assert call(bases[1], "POST", "/authz/check", {"permission": "movies:write"}, token=token)[1]["allowed"] is False
        call(bases[0], "POST", f"/users/{user['id']}/roles", {"role": "moderator"}, token=admin)
        t0 = time.perf_counter()
        while not (call(bases[1], "POST", "/authz/check", {"permission": "movies:write"}, token=token)[1] or {}).get("allowed") and time.perf_counter() - t0 < 10:
            pass
        grants.append(time.perf_counter() - t0)

        # A role's permissions edited on A: the holder's next requests on B see it (B drops the role, not the users).
        name = f"prop-{uuid.uuid4().hex[:12]}"
        s, role, _ = call(bases[0], "POST", "/roles", {"name": name, "description": "propagation", "permissions": ["movies:read"]}, token=admin)
        assert s == 201, (s, role)
        email = f"prop-{uuid.uuid4().hex}@example.com"
        s, user, _ = call(bases[0], "POST", "/auth/register", {"email": email, "password": STRONG, "passwordConfirm": STRONG, "firstName": "P", "lastName": "Q"})
        assert s == 201, (s, user)
        assert call(bases[0], "POST", f"/users/{user['id']}/roles", {"role": name}, token=admin)[0] == 204
        token = login(bases[1], email, STRONG)["accessToken"]
        assert call(bases[1], "POST", "/authz/check", {"permission": "movies:write"}, token=token)[1]["allowed"] is False
        s, _, _ = call(bases[0], "PUT", f"/roles/{role['id']}", {"name": name, "description": "propagation", "permissions": ["movies:read", "movies:write"]}, token=admin)
        assert s == 200, s
        t0 = time.perf_counter()
        while not (call(bases[1], "POST", "/authz/check", {"permission": "movies:write"}, token=token)[1] or {}).get("allowed") and time.perf_counter() - t0 < 10:
            pass
        edits.append(time.perf_counter() - t0)
        call(bases[0], "DELETE", f"/roles/{role['id']}", token=admin)
    print(json.dumps({"trials": a.trials,
                      "revocation_max_ms": round(max(revocations) * 1000, 1), "revocation_p50_ms": percentile(revocations, 0.5),
                      "grant_max_ms": round(max(grants) * 1000, 1), "grant_p50_ms": percentile(grants, 0.5),
                      "role_edit_max_ms": round(max(edits) * 1000, 1), "role_edit_p50_ms": percentile(edits, 0.5),
                      "within_1s": all(x < 1 for x in revocations + grants + edits)}))


def cmd_register(a):
    """Registers as fast as it can for --seconds; prints every acknowledged email to --acked (one per line)."""
    acked, statuses, lock = [], {}, threading.Lock()
    deadline = time.time() + a.seconds

    def worker():
        while time.time() < deadline:
            email = f"kill-{uuid.uuid4().hex}@example.com"
            s, _, _ = call(a.base, "POST", "/auth/register", {"email": email, "password": STRONG, "passwordConfirm": STRONG, "firstName": "K", "lastName": "L"}, timeout=5)
            with lock:
                statuses[s] = statuses.get(s, 0) + 1
                if s == 201:
                    acked.append(email)
                    with open(a.acked, "a") as f:
                        f.write(email + "\n")
            if s == 0:
                time.sleep(0.05)

    threads = [threading.Thread(target=worker) for _ in range(a.concurrency)]
    [t.start() for t in threads]
    [t.join() for t in threads]
    print(json.dumps({"acknowledged": len(acked), "statuses": {str(k): v for k, v in statuses.items()}}))


def windows(timeline, rss_samples, count):
    """Latency percentiles and the last RSS sample of each of `count` equal slices of the run: stable means flat."""
    if not timeline:
        return []
    start, end = timeline[0][0], timeline[-1][0]
    width = max((end - start) / count, 1e-9)
    out = []
    for w in range(count):
        lat = [t for (at, t) in timeline if start + w * width <= at < start + (w + 1) * width or (w == count - 1 and at == end)]
        rss = rss_samples[min(len(rss_samples) - 1, (w + 1) * len(rss_samples) // count - 1)] if rss_samples else None
        out.append({"from_s": round(w * width), "to_s": round((w + 1) * width), "requests": len(lat),
                    "p50_ms": percentile(lat, 0.50), "p95_ms": percentile(lat, 0.95), "p99_ms": percentile(lat, 0.99), "rss_kb": rss})
    return out


def cmd_soak(a):
    bases = a.bases.split(",")
    pids = [int(p) for p in a.pids.split(",")]
    load = Load(bases, a.rate)
    rss_start = [rss_kb(p) for p in pids]
    thread, result = background(load, a.seconds)
    samples = []
    while thread.is_alive():
        thread.join(timeout=10)
        samples.append([rss_kb(p) for p in pids])
    out = load.summary(result.get("sent", 0))
    out.update(windows=windows(load.timeline, samples, a.windows))
    out.update(seconds=a.seconds, rate=a.rate, rss_start_kb=rss_start, rss_end_kb=[rss_kb(p) for p in pids],
               rss_max_kb=[max(s[i] for s in samples) for i in range(len(pids))] if samples else None)
    print(json.dumps(out))


def cmd_limits(a):
    """Wrong logins from one address against two instances; Redis is stopped half-way. Reports the 429s before and during."""
    bases = a.bases.split(",")
    wrong = {"email": f"limits-{uuid.uuid4().hex}@example.com", "password": "not-the-password-42"}

    def burst(n):
        statuses = {}
        for i in range(n):
            s, _, _ = call(bases[i % len(bases)], "POST", "/auth/login", wrong)
            statuses[str(s)] = statuses.get(str(s), 0) + 1
        return statuses

    shared = burst(a.attempts)
    os.system(a.stop_cmd)
    time.sleep(1)
    # A new window partition: the limit counts per address, so use another client key by waiting for nothing else;
    # during the outage each instance counts alone, so together they allow up to twice the budget.
    wrong["email"] = f"limits-{uuid.uuid4().hex}@example.com"
    during = burst(a.attempts)
    os.system(a.start_cmd)
    print(json.dumps({"limit": a.limit, "attempts": a.attempts, "shared": shared, "during_outage": during,
                      "errors": sum(v for k, v in list(shared.items()) + list(during.items()) if k == "0" or k.startswith("5"))}))


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    o = sub.add_parser("outage"); o.add_argument("--bases"); o.add_argument("--rate", type=float, default=40)
    o.add_argument("--seconds", type=float, default=40); o.add_argument("--before", type=float, default=8)
    o.add_argument("--outage", type=float, default=10); o.add_argument("--stop-cmd"); o.add_argument("--start-cmd")
    o.set_defaults(f=cmd_outage)
    pr = sub.add_parser("propagation"); pr.add_argument("--bases"); pr.add_argument("--trials", type=int, default=10); pr.set_defaults(f=cmd_propagation)
    r = sub.add_parser("register"); r.add_argument("--base"); r.add_argument("--seconds", type=float); r.add_argument("--concurrency", type=int, default=8)
    r.add_argument("--acked"); r.set_defaults(f=cmd_register)
    s = sub.add_parser("soak"); s.add_argument("--bases"); s.add_argument("--pids"); s.add_argument("--rate", type=float, default=50)
    s.add_argument("--seconds", type=float, default=600); s.add_argument("--windows", type=int, default=5); s.set_defaults(f=cmd_soak)
    li = sub.add_parser("limits"); li.add_argument("--bases"); li.add_argument("--limit", type=int); li.add_argument("--attempts", type=int)
    li.add_argument("--stop-cmd"); li.add_argument("--start-cmd"); li.set_defaults(f=cmd_limits)
    a = p.parse_args()
    a.f(a)


if __name__ == "__main__":
    main()
