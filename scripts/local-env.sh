#!/usr/bin/env bash
# One command for local runs without AWS or Genesys: starts Secrets Manager (moto) with the demo OAuth clients'
# secrets and the Genesys Cloud emulator on loopback, prints the environment that points pii-pause at them, and
# stops both by PID when done.
#   scripts/local-env.sh                  print the `export` lines; Ctrl-C stops the services
#   scripts/local-env.sh --shell          a shell with the environment; leaving it stops the services
#   scripts/local-env.sh -- CMD [ARG...]  one command with it: scripts/local-env.sh -- target/release/pii-pause doctor
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh scripts/requirements.txt
cargo build --release --locked --bin pii-pause >&2
exec .venv/bin/python scripts/local_env.py "$@"
