#!/usr/bin/env bash
# Benchmark: pii-pause's release bootstrap against a reference Python Lambda, both under the real Lambda Runtime
# Interface Emulator, in one run (cold start, warm latency, memory, size, upstream requests, cost). Prepares .venv
# (moto, aws-sam-cli) and .venv-bench (the reference's pinned dependencies), brings the release binaries up to
# date, then runs scripts/bench.py, which writes bench/RESULTS.md.
#   scripts/bench.sh [--cold-runs N] [--warm-events N]   full run (default 20 cold runs, 1000 warm events)
#   scripts/bench.sh --quick                              smoke run for CI (< 60 s once set up); exits non-zero only
#                                                         if something failed to run; writes target/bench/RESULTS-quick.md
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh

python=${PYTHON:-python3}
if [ ! -x .venv-bench/bin/python ]; then
  "$python" -m venv .venv-bench
  echo '*' > .venv-bench/.gitignore
fi
stamp=.venv-bench/.requirements.sha256
want=$(sha256sum bench/reference/requirements.txt | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  # Wheels only: awslambdaric has a C extension and must not need a compiler here.
  .venv-bench/bin/pip install --quiet --disable-pip-version-check --only-binary=:all: -r bench/reference/requirements.txt
  # Libraries come with .pyc, as in the managed runtime and in a pip-built deployment package.
  .venv-bench/bin/python -m compileall -q .venv-bench/lib >/dev/null
  echo "$want" > "$stamp"
fi

# PII_PAUSE_BOOTSTRAP and PII_PAUSE_CLI point at binaries already built (CI's smoke run); otherwise the release
# binaries are brought up to date, so the figures are of the code as it is.
if [ -z "${PII_PAUSE_BOOTSTRAP:-}" ] || [ -z "${PII_PAUSE_CLI:-}" ]; then
  cargo build --release --locked --bin pii-pause-lambda --bin pii-pause
fi

exec .venv/bin/python scripts/bench.py "$@"
