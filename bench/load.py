"""A bounded load test of `irct-lint serve` on loopback: it starts the server, sends a fixed
number of real-sized records from a fixed number of concurrent clients, stops the server and
prints p50 and p95 latency, requests per second and the error count. It stops by itself.

    python bench/load.py --clients 20 --requests 2000 --workers 2

The records are the bundled examples (fictional, 10-13 KB each) and, when ../shared/seeds
exists, the two real IRCT seed exports, sent in turn as text/plain.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def records() -> list[bytes]:
    paths = [os.path.join(ROOT, "examples", n) for n in sorted(os.listdir(os.path.join(ROOT, "examples")))]
    seeds = os.path.join(os.path.dirname(ROOT), "shared", "seeds")
    if os.path.isdir(seeds):
        paths += [os.path.join(seeds, n) for n in sorted(os.listdir(seeds))]
    return [open(p, "rb").read() for p in paths if p.endswith(".txt")]


def run(clients: int, total: int, workers: int) -> dict:
    from irct_lint.web.local import local_server

    bodies = records()
    with local_server(workers) as url:
        return _load(url, bodies, clients, total, workers)


def _load(url: str, bodies: list[bytes], clients: int, total: int, workers: int) -> dict:
    port = int(url.rsplit(":", 1)[1])
    latencies: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                n = next(counter, None)
            if n is None:
                return
            body = bodies[n % len(bodies)]
            start_at = time.perf_counter()
            try:
                connection.request("POST", "/api/v1/check", body=body, headers={"Content-Type": "text/plain"})
                response = connection.getresponse()
                response.read()
                ok = response.status == 200
            except OSError as exc:
                ok, response = False, None
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                with lock:
                    errors.append(type(exc).__name__)
            elapsed = time.perf_counter() - start_at
            with lock:
                latencies.append(elapsed)
                if not ok and response is not None:
                    errors.append(str(response.status))

    # One request first, so that the workers have loaded the checks before the clock starts.
    warm = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    for _ in range(workers):
        warm.request("POST", "/api/v1/check", body=bodies[0], headers={"Content-Type": "text/plain"})
        warm.getresponse().read()
    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.perf_counter() - began
    ordered = sorted(latencies)
    return {
        "clients": clients,
        "requests": len(latencies),
        "workers": workers,
        "wall": wall,
        "rps": len(latencies) / wall,
        "p50": statistics.median(ordered) * 1000,
        "p95": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        "errors": len(errors),
        "record_kb": sum(len(b) for b in bodies) / len(bodies) / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    r = run(args.clients, args.requests, args.workers)
    print("| clients | requests | workers | record size | wall | requests/s | p50 | p95 | errors |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    print(
        f"| {r['clients']} | {r['requests']:,} | {r['workers']} | {r['record_kb']:.0f} KB | {r['wall']:.1f} s "
        f"| {r['rps']:.1f} | {r['p50']:.0f} ms | {r['p95']:.0f} ms | {r['errors']} |"
    )


if __name__ == "__main__":
    main()
