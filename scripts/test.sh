#!/usr/bin/env bash
# The whole test suite: formatting, lints, the rustls-only check, the deployable bootstrap (cargo lambda, zig,
# glibc <= 2.34), the SAM template (sam validate --lint, cfn-lint, sam build for x86_64), and every test
# (unit, moto, Genesys emulator, the emulator's contract with the official Genesys Cloud Python SDK, Lambda Runtime
# Interface Emulator). Starts one moto server; stops it by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
export SAM_CLI_TELEMETRY=0
scripts/setup-venv.sh
VENV=.venv-genesys-sdk scripts/setup-venv.sh tests/genesys_sdk/requirements.txt
export PATH="$PWD/.venv/bin:$PATH"

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings
echo "== rustls only (no openssl-sys in the dependency tree)"
if cargo tree --workspace --locked -i openssl-sys >/dev/null 2>&1; then
  echo "openssl-sys is in the dependency tree" >&2
  exit 1
fi
echo "== the Lambda's dependency tree has no CLI parser and no HTTP server (the emulators live in crates/)"
lambda_tree=$(cargo tree --locked -p pii-pause -e normal -f '{p} {f}')
if grep -E '(clap|pii-pause-emulators) v|hyper v[0-9.]+ [^ ]*server' <<<"$lambda_tree" >/dev/null; then
  echo "the pii-pause package (the Lambda) depends on clap, the emulators or hyper's server" >&2
  exit 1
fi

echo "== deployable bootstrap (cargo lambda, x86_64)"
bootstrap=$(scripts/build-lambda.sh)
export PII_PAUSE_BOOTSTRAP="$PWD/$bootstrap"

echo "== SAM template"
sam validate --lint --region us-east-1
cfn-lint template.yaml
sam build --beta-features --parameter-overrides Architecture=x86_64 >/dev/null
test -x .aws-sam/build/PiiPauseFunction/bootstrap

port=$(python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/')" 2>/dev/null; then break; fi
  sleep 0.2
done
export PII_PAUSE_TEST_MOTO_URL="http://127.0.0.1:$port"
export PII_PAUSE_PYTHON="$PWD/.venv/bin/python"
export PII_PAUSE_GENESYS_SDK_PYTHON="$PWD/.venv-genesys-sdk/bin/python"

echo "== cargo test"
cargo test --workspace --locked -- "$@"

echo "== benchmark smoke run (figures are not judged here)"
PII_PAUSE_CLI="$PWD/target/debug/pii-pause" scripts/bench.sh --quick
