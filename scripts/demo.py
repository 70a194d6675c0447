"""Runs the sample events through the release bootstrap under the Lambda Runtime Interface Emulator, against the
Genesys and NICE CXone emulators, a moto Secrets Manager and a moto DynamoDB decision ledger, and prints what was
found, what was done, the export decision, the recording state before and after, and the conversation's ledger item.
Every process it starts, it stops by PID."""

import datetime
import glob
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO_CLIENT = {"client_id": "7de3af06-c0b3-4f9b-af45-72f4a1403797", "client_secret": "demo-secret-not-for-production"}
# The CXone emulator's demo tenant (crates/emulators/src/cxone/model.rs), and the HTTPS entry point's token that
# events/cxone-function-url.json sends.
CXONE_KEY = {"access_key_id": "AKDEMO0PIIPAUSE0000001", "access_key_secret": "demo+access/key=secret-not-for-production",
             "client_id": "pii-pause@demo-vendor", "client_secret": "cxone-demo-client-secret-not-for-production"}
WEBHOOK_TOKEN = "demo-webhook-token-not-for-production"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"content-type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            raw = r.read()
    except urllib.error.HTTPError as e:
        raw = e.read()
    return json.loads(raw) if raw else None


def wait_for(url, limit=30.0):
    start = time.time()
    while time.time() - start < limit:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{url} did not come up within {limit}s")


def conversation_ids(event):
    text = json.dumps(event)
    ids = []
    for token in text.replace('"', " ").replace("\\", " ").replace("/", " ").split():
        if len(token) == 36 and token.count("-") == 4 and token not in ids:
            ids.append(token)
    for cid in record_ids(event):
        if cid not in ids:
            ids.append(cid)
    return ids


def record_ids(value):
    """Every `conversationId` in the event, also inside JSON bodies (a Function URL's, an SQS message's)."""
    if isinstance(value, dict):
        found = [value["conversationId"]] if isinstance(value.get("conversationId"), str) else []
        return found + [i for v in value.values() for i in record_ids(v)]
    if isinstance(value, list):
        return [i for v in value for i in record_ids(v)]
    if isinstance(value, str) and value.startswith("{"):
        try:
            return record_ids(json.loads(value))
        except ValueError:
            return []
    return []


LEDGER = "pii-pause-demo-ledger"
CONNECT_INSTANCE = "4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a"


def export_text(r):
    """The export decision in one phrase: what may go, what must be dropped, where the audio must be trimmed."""
    if r["export"] != "redact":
        return r["export"]
    redact = r.get("redact") or {}
    fields = ", ".join(redact.get("fields") or []) or "no metadata field"
    until = redact.get("recordingUntil")
    audio = f"; audio before {until} may hold it" if until else ""
    return f"redact (drop {fields}{audio})"


def ledger_text(ddb, cid):
    """The conversation's ledger item, as the export pipeline's GetItem sees it."""
    item = ddb.get_item(TableName=LEDGER, Key={"conversationId": {"S": cid}}, ConsistentRead=True).get("Item")
    if not item:
        return "no item (never decided: an export gate treats it as held)"
    value = lambda k: next(iter(item[k].values())) if k in item else None
    parts = [f"export={value('export')}", f"pii={str(value('pii')).lower()}",
             f"kinds={sorted(value('kinds') or [])}", f"redactFields={sorted(value('redactFields') or [])}",
             f"action={value('action')}", f"events={value('events')}"]
    if value("pausedAt"):
        parts.append(f"pausedAt={value('pausedAt')}")
    return " ".join(parts)


# Keys whose values are event times: Genesys `eventTime`, EventBridge `time`, `detail.timestamp`, transcription and
# SQS times (epoch ms as numbers or digit strings, or ISO 8601).
TIME_KEYS = {"eventTime", "time", "timestamp", "sessionStartTimeMs", "transcriptionStartTimeMs", "SentTimestamp",
             "ApproximateFirstReceiveTimestamp", "timeEpoch"}


def _epoch_ms(value):
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.isdigit():
        return int(value)
    if isinstance(value, str) and len(value) >= 20 and value[10] == "T":
        try:
            return int(datetime.datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp() * 1000)
        except ValueError:
            return None
    return None


def _like(original, ms):
    """`ms` in the format of `original`."""
    if isinstance(original, int):
        return ms
    if original.isdigit():
        return str(ms)
    text = datetime.datetime.fromtimestamp(ms / 1000, datetime.timezone.utc).isoformat(timespec="milliseconds")
    text = text.replace("+00:00", "Z")
    return text if "." in original else text[:19] + "Z"


def _shift_times(value, shift):
    if isinstance(value, dict):
        out = {}
        for key, v in value.items():
            if key in TIME_KEYS and _epoch_ms(v) is not None:
                out[key] = _like(v, shift(_epoch_ms(v)))
            elif key == "body" and isinstance(v, str) and v.startswith("{"):
                out[key] = json.dumps(_shift_times(json.loads(v), shift))
            else:
                out[key] = _shift_times(v, shift)
        return out
    if isinstance(value, list):
        return [_shift_times(v, shift) for v in value]
    return value


def stamp_event_times(event, now_ms=None):
    """The event with its times moved to the moment it is sent: the latest becomes now and the others keep their
    distance to it (SQS message bodies included), so timeToPauseMs measures this run, not the sample's age."""
    seen = []
    _shift_times(event, lambda ms: seen.append(ms) or ms)
    if not seen:
        return event
    offset = (now_ms if now_ms is not None else int(time.time() * 1000)) - max(seen)
    return _shift_times(event, lambda ms: ms + offset)


def parse_args():
    import argparse
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("events", nargs="*", help="event files (default: every events/*.json)")
    parser.add_argument("--bootstrap", default=os.path.join(ROOT, "target/release/pii-pause-lambda"),
                        help="the Lambda bootstrap to run under the runtime emulator")
    parser.add_argument("--show-requests", action="store_true",
                        help="print each answer in full and the requests Genesys received for each event")
    return parser.parse_args()


def main():
    args = parse_args()
    procs = []
    logs = open(os.path.join(ROOT, "target", "demo-function.log"), "w")

    def start(args, env=None, **kw):
        p = subprocess.Popen(args, env=env, start_new_session=True, **kw)
        procs.append(p)
        return p

    try:
        moto_port = free_port()
        start([os.path.join(ROOT, ".venv/bin/moto_server"), "-H", "127.0.0.1", "-p", str(moto_port)],
              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        moto = f"http://127.0.0.1:{moto_port}"
        wait_for(moto + "/moto-api/")
        import boto3
        sm = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=moto,
                          aws_access_key_id="test", aws_secret_access_key="test")
        sm.create_secret(Name="pii-pause/demo", SecretString=json.dumps(DEMO_CLIENT))
        aws_env = {"PATH": "/usr/bin:/bin", "AWS_REGION": "us-east-1", "AWS_ACCESS_KEY_ID": "test",
                   "AWS_SECRET_ACCESS_KEY": "test", "AWS_EC2_METADATA_DISABLED": "true",
                   "AWS_ENDPOINT_URL_DYNAMODB": moto}
        subprocess.run([os.path.join(ROOT, "target/release/pii-pause"), "ledger", "create-table", "--table", LEDGER],
                       env=aws_env, check=True, stdout=subprocess.DEVNULL)
        ddb = boto3.client("dynamodb", region_name="us-east-1", endpoint_url=moto,
                           aws_access_key_id="test", aws_secret_access_key="test")

        emu = start([os.path.join(ROOT, "target/release/pii-pause"), "emulator", "--listen", "127.0.0.1:0"],
                    stdout=subprocess.PIPE, text=True)
        genesys = json.loads(emu.stdout.readline())["listening"]
        connect_emu = start([os.path.join(ROOT, "target/release/pii-pause"), "emulator", "--platform", "connect",
                             "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
        connect = json.loads(connect_emu.stdout.readline())["listening"]
        cxone_emu = start([os.path.join(ROOT, "target/release/pii-pause"), "emulator", "--platform", "cxone",
                           "--listen", "127.0.0.1:0"], stdout=subprocess.PIPE, text=True)
        cxone = json.loads(cxone_emu.stdout.readline())["listening"]
        sm.create_secret(Name="pii-pause/cxone", SecretString=json.dumps(dict(CXONE_KEY, issuer=cxone)))
        sm.create_secret(Name="pii-pause/webhook", SecretString=WEBHOOK_TOKEN)

        def recording(cid):
            """The recording state the platform emulators hold for a conversation (`-` when none knows it)."""
            state = (http("GET", f"{genesys}/__emulator/conversations/{cid}") or {}).get("recordingState")
            state = state or (http("GET", f"{connect}/__emulator/contacts/{cid}") or {}).get("recording")
            if state:
                return state
            contact = http("GET", f"{cxone}/__emulator/contacts/{cid}") or {}
            return ("MASKED" if contact["masked"] else "ACTIVE") if "masked" in contact else "-"

        rie = sorted(glob.glob(os.path.join(ROOT, ".venv/lib/python3*/site-packages/samcli/local/rapid/aws-lambda-rie-x86_64")))[0]
        rie_port = free_port()
        env = dict(aws_env, AWS_ENDPOINT_URL_SECRETS_MANAGER=moto, GENESYS_SECRET_ID="pii-pause/demo",
                   GENESYS_API_URL=genesys, AWS_LAMBDA_LOG_FORMAT="JSON", PII_PAUSE_LEDGER_TABLE=LEDGER,
                   AWS_ENDPOINT_URL_CONNECT=connect, CONNECT_INSTANCE_IDS=CONNECT_INSTANCE,
                   CXONE_SECRET_ID="pii-pause/cxone", WEBHOOK_SECRET_ID="pii-pause/webhook")
        start([rie, "--runtime-interface-emulator-address", f"127.0.0.1:{rie_port}",
               "--runtime-api-address", f"127.0.0.1:{free_port()}",
               os.path.abspath(args.bootstrap)], env=env, stdout=logs, stderr=logs)
        invoke_url = f"http://127.0.0.1:{rie_port}/2015-03-31/functions/function/invocations"

        print(f"Genesys emulator {genesys} | Connect emulator {connect} | CXone emulator {cxone} | "
              f"Secrets Manager and DynamoDB (moto) {moto} | Lambda RIE 127.0.0.1:{rie_port}")
        print(f"Decision ledger: DynamoDB table {LEDGER}\n")
        order = ["genesys-attributes-pii-flag", "genesys-attributes-clean", "genesys-customer-start",
                 "genesys-transcription", "direct-record", "direct-batch", "etl-eventbridge", "etl-analytics-telephony", "connect-contact-data-updated",
                 "connect-contact-lens-rule", "sqs-batch", "cxone-function-url",
                 "unknown-shape"]
        files = [os.path.abspath(e) for e in args.events] or sorted(
            glob.glob(os.path.join(ROOT, "events", "*.json")),
            key=lambda p: (order.index(os.path.basename(p)[:-5]) if os.path.basename(p)[:-5] in order else len(order), p))
        seen = seen_cxone = 0
        for path in files:
            event = json.load(open(path))
            ids = conversation_ids(event)
            before = {i: recording(i) for i in ids}
            deadline = time.time() + 30
            while True:
                try:
                    started = time.time()
                    answer = http("POST", invoke_url, stamp_event_times(event))
                    break
                except OSError:
                    if time.time() > deadline:
                        raise
                    time.sleep(0.1)
            ms = (time.time() - started) * 1000
            print(f"== {os.path.relpath(path, ROOT)}  ({ms:.0f} ms)")
            if isinstance(answer, dict) and "statusCode" in answer:
                print(f"   Function URL answer: HTTP {answer['statusCode']}")
                answer = json.loads(answer.get("body") or "null")
            if args.show_requests:
                print(json.dumps(answer, indent=2))
                log = http("GET", f"{genesys}/__emulator/requests") or []
                for r in log[seen:]:
                    print(f"   Genesys got {r['method']} {r['path']} -> {r['status'] or 'connection dropped'}")
                seen = len(log)
                log = http("GET", f"{cxone}/__emulator/requests") or []
                for r in log[seen_cxone:]:
                    print(f"   CXone got {r['method']} {r['path']} -> {r['status'] or 'connection dropped'}")
                seen_cxone = len(log)
            if isinstance(answer, dict) and "results" in answer:
                for r in answer["results"]:
                    cid = r["conversationId"]
                    after = recording(cid)
                    found = ", ".join(f'{f["kind"]} at {f["field"]}' for f in r["findings"])
                    if not found:
                        found = "telephony identity only (listed for redaction, no reason to pause)" \
                            if r["export"] == "redact" else "nothing"
                    print(f"   {cid}  found: {found}")
                    line = f"      action: {r['action']}  export: {export_text(r)}  recording: {before.get(cid, '-')} -> {after}"
                    if r.get("error"):
                        line += f"\n      error: {r['error']['code']}: {r['error']['hint']}"
                    print(line)
                    print(f"      ledger: {ledger_text(ddb, cid)}")
            elif isinstance(answer, dict) and "batchItemFailures" in answer:
                print(f"   SQS batch: failed messages {answer['batchItemFailures'] or 'none'}")
                for cid in [i for i in ids if before.get(i, "-") != "-"]:
                    after = recording(cid)
                    print(f"   {cid}  recording: {before.get(cid, '-')} -> {after}")
                    print(f"      ledger: {ledger_text(ddb, cid)}")
            else:
                print(f"   {answer.get('errorType')}: {answer.get('errorMessage')}")
            print()
        requests = http("GET", f"{genesys}/__emulator/requests") or []
        tokens = sum(1 for r in requests if r["path"] == "/oauth/token")
        connect_requests = http("GET", f"{connect}/__emulator/requests") or []
        print(f"Genesys received {len(requests)} requests ({tokens} token request(s)); Connect received "
              f"{len(connect_requests)}; function log: target/demo-function.log")
        requests = http("GET", f"{cxone}/__emulator/requests") or []
        tokens = sum(1 for r in requests if r["path"] == "/auth/token")
        print(f"CXone received {len(requests)} requests ({tokens} token request(s))")
    finally:
        for p in reversed(procs):
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
                p.wait()
        logs.close()


if __name__ == "__main__":
    sys.exit(main())
