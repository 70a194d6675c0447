#!/usr/bin/env bash
# Runs event files through the deployable bootstrap (built by cargo lambda with zig, glibc <= 2.34 checked)
# under the real AWS Lambda Runtime Interface Emulator, with Secrets Manager on moto and Genesys Cloud on the
# project's emulator; prints each answer and the requests Genesys received. No Docker, no AWS account.
#   scripts/local-invoke.sh events/genesys-attributes-pii-flag.json [more events...]
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -gt 0 ] || { echo "usage: scripts/local-invoke.sh events/<file>.json [...]" >&2; exit 2; }
[ -x .venv/bin/cargo-lambda ] ||
  echo "local-invoke: installing the pinned cargo-lambda and zig linker into .venv (about 400 MB, once)" >&2
scripts/setup-venv.sh scripts/requirements.txt scripts/requirements-build.txt
[ -x target/lambda/pii-pause-lambda/bootstrap ] ||
  echo "local-invoke: building the deployable bootstrap with cargo lambda and zig: the first build takes about" \
       "5 minutes on 2 cores, later ones seconds" >&2
bootstrap=$(scripts/build-lambda.sh)
cargo build --release --locked --bin pii-pause
exec .venv/bin/python scripts/demo.py --bootstrap "$bootstrap" --show-requests "$@"
