#!/usr/bin/env bash
# Builds the deployable bootstrap the way `sam build` does (cargo lambda, zig linker) for x86_64 (or arm64 with
# --arm64), and checks that it needs at most glibc 2.34 (Amazon Linux 2023). Prints the bootstrap's path.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/cargo-lambda ] || scripts/setup-venv.sh
export PATH="$PWD/.venv/bin:$PATH"
cargo lambda build --release --locked --bin pii-pause-lambda "$@" >&2
bootstrap=target/lambda/pii-pause-lambda/bootstrap
[ -x "$bootstrap" ] || { echo "no bootstrap at $bootstrap" >&2; exit 1; }
glibc=$(objdump -T "$bootstrap" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)
if [ "$(printf '%s\n2.34\n' "$glibc" | sort -V | tail -n1)" != "2.34" ]; then
  echo "$bootstrap needs glibc $glibc; Amazon Linux 2023 has 2.34" >&2
  exit 1
fi
echo "$bootstrap: $(stat -c %s "$bootstrap") bytes, needs glibc <= $glibc" >&2
echo "$bootstrap"
