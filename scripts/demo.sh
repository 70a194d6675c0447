#!/usr/bin/env bash
# The main job on an embedded default, no AWS account and no Genesys org: builds the release binaries, then runs
# every sample event in events/ through the deployable bootstrap under the AWS Lambda Runtime Interface Emulator,
# with the OAuth client in a local Secrets Manager (moto) and Genesys Cloud played by the project's emulator.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh scripts/requirements.txt
cargo build --release --locked --bin pii-pause-lambda --bin pii-pause
exec .venv/bin/python scripts/demo.py "$@"
