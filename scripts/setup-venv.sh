#!/usr/bin/env bash
# Creates a virtual environment (once; .venv, or $VENV) and installs pinned Python tools into it. With no argument:
# every scripts/requirements*.txt into .venv (moto, aws-sam-cli with the Lambda Runtime Interface Emulator and
# cfn-lint, cargo-lambda with zig, the detection oracles). With arguments: only those requirement files.
# Re-running installs only what changed.
#   VENV=.venv-genesys-sdk scripts/setup-venv.sh tests/genesys_sdk/requirements.txt
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
venv=${VENV:-.venv}
if [ ! -x "$venv/bin/python" ]; then
  "$python" -m venv "$venv"
fi
if [ $# -gt 0 ]; then files=("$@"); else files=(scripts/requirements*.txt); fi
for req in "${files[@]}"; do
  stamp="$venv/.$(basename "$req").sha256"
  want=$(sha256sum "$req" | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
    echo "$want" > "$stamp"
  fi
done
for rie in "$venv"/lib/python3*/site-packages/samcli/local/rapid/aws-lambda-rie-*; do
  [ -f "$rie" ] && chmod +x "$rie"
done
exit 0
