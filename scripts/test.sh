#!/usr/bin/env bash
# The whole test suite: formatting, lints, the rustls-only check, the release Lambda binary, and every test
# (unit, moto, Genesys emulator, runtime interface emulator). Starts one moto server and stops it by PID.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-venv.sh

echo "== cargo fmt --check"
cargo fmt --all -- --check
echo "== cargo clippy"
cargo clippy --all-targets --locked -- -D warnings
echo "== rustls only (no openssl-sys in the dependency tree)"
if cargo tree --locked -i openssl-sys >/dev/null 2>&1; then
  echo "openssl-sys is in the dependency tree" >&2
  exit 1
fi
echo "== release Lambda binary"
cargo build --release --locked --bin pii-pause-lambda

port=$(.venv/bin/python -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
.venv/bin/moto_server -H 127.0.0.1 -p "$port" >/dev/null 2>&1 &
moto_pid=$!
trap 'kill "$moto_pid" 2>/dev/null || true; wait "$moto_pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
  if .venv/bin/python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/')" 2>/dev/null; then break; fi
  sleep 0.2
done
export PII_PAUSE_TEST_MOTO_URL="http://127.0.0.1:$port"
export PII_PAUSE_PYTHON="$PWD/.venv/bin/python"

echo "== cargo test"
cargo test --locked -- "$@"
