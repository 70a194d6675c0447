#!/usr/bin/env bash
# Creates .venv (once) and installs the pinned Python tools: moto (Secrets Manager), aws-sam-cli (the Lambda
# Runtime Interface Emulator, sam validate, cfn-lint). Re-running only installs what changed.
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=.venv/.requirements.sha256
want=$(cat scripts/requirements*.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  for req in scripts/requirements*.txt; do
    .venv/bin/pip install --quiet --disable-pip-version-check -r "$req"
  done
  echo "$want" > "$stamp"
fi
rie=$(ls .venv/lib/python3*/site-packages/samcli/local/rapid/aws-lambda-rie-x86_64 2>/dev/null | head -n1)
[ -n "$rie" ] && chmod +x "$rie"
exit 0
