"""Starts the local stand-ins of the cloud on loopback: Secrets Manager (moto) holding the demo org's OAuth clients,
and the Genesys Cloud emulator with its demo org. Prints the environment that points pii-pause at them, then waits
until interrupted, runs a shell with that environment, or runs one command with it. Every process it starts, it
stops by PID.

  scripts/local-env.sh                  print the `export` lines; Ctrl-C stops the services
  scripts/local-env.sh --shell          a shell with the environment; leaving the shell stops the services
  scripts/local-env.sh -- CMD [ARG...]  one command with the environment, e.g. target/release/pii-pause doctor
"""

import argparse
import json
import os
import shlex
import signal
import subprocess
import sys

from demo import DEMO_CLIENT, ROOT, free_port, wait_for

CLI = os.path.join(ROOT, "target/release/pii-pause")
SECRET = "pii-pause/demo"
NO_PAUSE_SECRET = "pii-pause/demo-no-pause"
PAUSE_OTHERS = "conversation:recording:pauseOthers"


class Services:
    """moto and the Genesys emulator, each the leader of its own process group, stopped by PID."""

    def __init__(self):
        self.procs = []

    def start(self, args, **kw):
        proc = subprocess.Popen(args, start_new_session=True, **kw)
        self.procs.append(proc)
        return proc

    def stop(self):
        for proc in reversed(self.procs):
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for proc in self.procs:
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        self.procs.clear()


def start_all(services):
    """Starts both services and seeds the secrets; returns the environment pii-pause needs."""
    moto = f"http://127.0.0.1:{free_port()}"
    services.start([os.path.join(ROOT, ".venv/bin/moto_server"), "-H", "127.0.0.1", "-p", moto.rsplit(":", 1)[1]],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    emulator = services.start([CLI, "emulator", "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
    genesys = json.loads(emulator.stdout.readline())["listening"]
    wait_for(moto + "/moto-api/")

    import boto3
    secrets = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=moto,
                           aws_access_key_id="test", aws_secret_access_key="test")
    seed = json.loads(subprocess.run([CLI, "emulator", "--print-seed"], check=True, capture_output=True,
                                     text=True).stdout)
    no_pause = next(c for c in seed["clients"]
                    if not any(PAUSE_OTHERS in r["permissions"] for r in c["roles"]))
    secrets.create_secret(Name=SECRET, SecretString=json.dumps(DEMO_CLIENT))
    secrets.create_secret(Name=NO_PAUSE_SECRET, SecretString=json.dumps(
        {"client_id": no_pause["clientId"], "client_secret": no_pause["clientSecret"]}))
    return {
        "AWS_REGION": "us-east-1",
        "AWS_ACCESS_KEY_ID": "test",
        "AWS_SECRET_ACCESS_KEY": "test",
        "AWS_EC2_METADATA_DISABLED": "true",
        "AWS_ENDPOINT_URL_SECRETS_MANAGER": moto,
        "GENESYS_SECRET_ID": SECRET,
        "GENESYS_API_URL": genesys,
    }


def describe(env):
    lines = [f"export {k}={shlex.quote(v)}" for k, v in env.items()]
    lines += [
        "",
        f"# Secrets Manager (moto) {env['AWS_ENDPOINT_URL_SECRETS_MANAGER']}: {SECRET} (the demo client, every "
        f"permission), {NO_PAUSE_SECRET} (a client without {PAUSE_OTHERS})",
        f"# Genesys Cloud emulator {env['GENESYS_API_URL']}: demo org; request log at "
        f"{env['GENESYS_API_URL']}/__emulator/requests (docs/emulator.md)",
        "# try: target/release/pii-pause doctor",
        "#      target/release/pii-pause invoke events/genesys-attributes-pii-flag.json",
        f"#      GENESYS_SECRET_ID={NO_PAUSE_SECRET} target/release/pii-pause doctor",
    ]
    return "\n".join(lines)


def run_child(args, env):
    """Runs `args` in the foreground with `env`; Ctrl-C goes to the child only. Returns its exit code."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        return subprocess.call(args, env={**os.environ, **env})
    finally:
        signal.signal(signal.SIGINT, previous)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shell", action="store_true", help="run $SHELL with the environment")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- CMD [ARG...]: run one command with it")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    services = Services()
    try:
        env = start_all(services)
        if command:
            return run_child(command, env)
        print(describe(env), flush=True)
        if args.shell:
            print("# leave the shell (exit) to stop the services", flush=True)
            return run_child([os.environ.get("SHELL", "/bin/sh")], env)
        print("# Ctrl-C stops the services", flush=True)
        try:
            signal.pause()
        except KeyboardInterrupt:
            pass
        return 0
    finally:
        services.stop()


if __name__ == "__main__":
    sys.exit(main())
