#!/usr/bin/env bash
# Runs the criterion benchmark of the content scanner and prints throughput (MB/s, decimal)
# for the engine and the naive baseline on clean metadata and PII-dense text, their ratio,
# and the cost of ContentScanner::new. Extra arguments go to criterion.
#   scripts/bench-detect.sh [--measurement-time 5]
set -euo pipefail
cd "$(dirname "$0")/.."
target="${CARGO_TARGET_DIR:-target}"
log="$target/bench-detect.log"
cargo bench --bench scanner -- "$@" >"$log" 2>&1 || { cat "$log"; exit 1; }
python3 - "$target/criterion" <<'PY'
import json, sys, os
root = sys.argv[1]
def est(group, name):
    base = os.path.join(root, group, name, "new")
    with open(os.path.join(base, "estimates.json")) as f:
        ns = json.load(f)["mean"]["point_estimate"]
    tp = None
    try:
        with open(os.path.join(base, "benchmark.json")) as f:
            t = json.load(f).get("throughput") or {}
            tp = t.get("Bytes") or t.get("BytesDecimal")
    except FileNotFoundError:
        pass
    return ns, tp
rows = []
for data in ("clean", "dense"):
    e_ns, e_b = est(f"scan_{data}", "engine")
    n_ns, n_b = est(f"scan_{data}", "naive")
    e, n = e_b / e_ns * 1e3, n_b / n_ns * 1e3
    rows.append((data, e, n, e / n))
print(f"{'data':<8} {'engine MB/s':>12} {'naive MB/s':>12} {'ratio':>7}")
for data, e, n, r in rows:
    print(f"{data:<8} {e:>12.1f} {n:>12.1f} {r:>6.1f}x")
def plain(name):
    with open(os.path.join(root, name, "new", "estimates.json")) as f:
        return json.load(f)["mean"]["point_estimate"]
new_ns, naive_new = plain("new_engine"), plain("new_naive")
print(f"ContentScanner::new: {new_ns:.1f} ns   (naive regex set compile: {naive_new / 1e6:.2f} ms)")
PY
