#!/usr/bin/env python3
"""Throughput and peak memory of `pii-pause scan` on a large JSON Lines file, against a baseline binary.

Writes a file of synthetic conversation records (mostly clean metadata, some with PII in attributes, notes or
transcripts) of about --size-mb megabytes to a temporary directory, runs each binary's `scan` on it --runs times
(alternating, so that both see the same machine), and prints per binary the median wall time, records/s, MB/s and
peak resident memory, and the candidate/baseline ratios. The file is deleted at the end.

  scripts/bench-scan.py --candidate target/release/pii-pause [--baseline OLD/pii-pause] [--size-mb 1024] [--runs 3]
"""

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time


def records(rng):
    """Yields (line, has_pii) forever."""
    queues = ["Billing", "Support", "Sales", "Retention", "Claims", "Onboarding"]
    n = 0
    while True:
        n += 1
        cid = "%08x-%04x-4%03x-8%03x-%012x" % (
            rng.getrandbits(32), rng.getrandbits(16), rng.getrandbits(12), rng.getrandbits(12), rng.getrandbits(48))
        attrs = {
            "queueName": rng.choice(queues),
            "orderNumber": str(rng.randrange(10**9, 10**10)),
            "startTime": "2026-11-30T%02d:%02d:%02d.000Z" % (rng.randrange(24), rng.randrange(60), rng.randrange(60)),
            "language": rng.choice(["en-US", "es-US", "fr-FR", "de-DE", "pt-BR"]),
            "customerTier": rng.choice(["gold", "silver", "bronze"]),
            "caseRef": "CASE-%06d" % rng.randrange(10**6),
            "callbackScheduled": "2026-12-%02d 09:30" % rng.randrange(1, 29),
            "surveyScore": str(rng.randrange(1, 6)),
        }
        record = {
            "conversationId": cid,
            "mediaType": "voice",
            "participants": [
                {"purpose": "customer", "ani": "tel:+1312555%04d" % rng.randrange(10**4), "attributes": attrs},
                {"purpose": "agent", "userId": cid, "attributes": {"wrapupCode": "resolved"}},
            ],
            "wrapUpNotes": "Customer called about %s; explained the next invoice and closed the case."
            % rng.choice(["a late delivery", "a refund", "an upgrade", "the new plan"]),
        }
        pii = n % 10 == 0
        if pii:
            which = n % 30
            if which == 0:
                attrs["cardNumber"] = "4539 1488 0343 6467"
            elif which == 10:
                record["wrapUpNotes"] += " Customer email jane.doe@example.com for the receipt."
            else:
                record["transcripts"] = [{"channel": "EXTERNAL", "isFinal": True,
                                          "alternatives": [{"transcript": "my social is 536-22-1234"}]}]
        yield json.dumps(record, separators=(",", ":")) + "\n", pii


def write_file(path, size_mb, seed):
    rng = random.Random(seed)
    target = size_mb * 1_000_000
    written = count = 0
    with open(path, "w", buffering=1 << 20) as f:
        for line, _ in records(rng):
            f.write(line)
            written += len(line)
            count += 1
            if written >= target:
                break
    return written, count


def run(binary, path):
    """Runs `binary scan path`; returns (seconds, peak RSS in MB, exit code)."""
    start = time.perf_counter()
    with open(path, "rb") as stdin, open(os.devnull, "wb") as out:
        proc = subprocess.Popen([binary, "scan", "-"], stdin=stdin, stdout=out, stderr=subprocess.DEVNULL,
                                env={"PATH": os.environ.get("PATH", "")})
        _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, code


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--candidate", required=True)
    ap.add_argument("--baseline")
    ap.add_argument("--size-mb", type=int, default=1024)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    binaries = [("candidate", args.candidate)] + ([("baseline", args.baseline)] if args.baseline else [])
    for _, b in binaries:
        if not os.access(b, os.X_OK):
            sys.exit(f"bench-scan: {b} is not an executable; build it first (cargo build --release --bin pii-pause)")
    with tempfile.TemporaryDirectory(prefix="pii-pause-bench-scan-") as tmp:
        path = os.path.join(tmp, "records.jsonl")
        size, count = write_file(path, args.size_mb, args.seed)
        print(f"input: {count} records, {size / 1e6:.0f} MB of JSON Lines")
        results = {name: [] for name, _ in binaries}
        for _ in range(args.runs):
            for name, b in binaries:
                results[name].append(run(b, path))
        medians = {}
        for name, b in binaries:
            secs = statistics.median(r[0] for r in results[name])
            peak = max(r[1] for r in results[name])
            codes = sorted({r[2] for r in results[name]})
            medians[name] = (secs, peak)
            print(f"{name:<9} {b}: median {secs:.2f} s, {count / secs:,.0f} records/s, {size / 1e6 / secs:.0f} MB/s, "
                  f"peak RSS {peak:.0f} MB, exit {codes}")
        if args.baseline:
            (cs, cp), (bs, bp) = medians["candidate"], medians["baseline"]
            print(f"candidate/baseline: time {cs / bs:.2f}x (throughput {bs / cs:.2f}x), peak memory {cp / bp:.3f}x")


if __name__ == "__main__":
    main()
