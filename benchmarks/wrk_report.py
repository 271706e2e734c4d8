"""What the wrk scripts' reports share: reading one wrk --latency output (and the server's /stats around it)."""
import pathlib
import re
import statistics


def us(text):
    """A wrk duration (850.00us, 1.20ms, 2.00s) in microseconds."""
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    return float(m.group(1)) * {"us": 1, "ms": 1000, "s": 1_000_000}[m.group(2)]


def wrk_figures(path):
    """Requests/s, request count, p50 and p99 (us) of one wrk --latency output."""
    t = pathlib.Path(path).read_text()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", t).group(1))
    count = int(re.search(r"(\d+) requests in", t).group(1))
    p50 = us(re.search(r"^\s+50%\s+(\S+)", t, re.M).group(1))
    p99 = us(re.search(r"^\s+99%\s+(\S+)", t, re.M).group(1))
    return rps, count, p50, p99


def counters(path):
    """The numbers of a counters file (GET /stats, /proc ticks) written before or after a run."""
    return [float(x) for x in pathlib.Path(path).read_text().split()]


def cpu_capacity(data, rounds, base, route):
    """Capacity of route relative to base from CPU time: base's median CPU per request over route's. data maps
    (round, route) to a tuple whose index 3 is the CPU microseconds per request."""
    def cpu(key):
        return statistics.median(data[(r, key)][3] for r in range(1, rounds + 1))

    return cpu(base) / cpu(route)
