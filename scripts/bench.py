"""Benchmark of pii-pause against the Python way, in one run.

Runs the release bootstrap (target/release/pii-pause-lambda) and a reference Python Lambda written as users write
it today (bench/reference/lambda_function.py under awslambdaric) under the real AWS Lambda Runtime Interface
Emulator, against the project's Genesys Cloud emulator and a moto Secrets Manager, all on loopback. Measures cold
invocations over fresh starts, warm latency over many events (each a new flagged conversation that needs a real
pause), peak resident memory of the function process, package size, upstream requests and an estimated cost,
prints a table and writes it to bench/RESULTS.md. Exits non-zero when something failed to run, never because of
a figure. Every process it starts runs in its own session and is stopped by its process group, also on errors.

Usage: scripts/bench.sh [--cold-runs N] [--warm-events N] [--quick]   (bench.sh prepares .venv-bench first)
--quick is the CI smoke run: small counts, results in target/bench/RESULTS-quick.md.
"""

import argparse
import datetime
import glob
import hashlib
import http.client
import json
import math
import os
import platform
import re
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BOOTSTRAP = os.environ.get("PII_PAUSE_BOOTSTRAP") or os.path.join(ROOT, "target/release/pii-pause-lambda")
CLI = os.environ.get("PII_PAUSE_CLI") or os.path.join(ROOT, "target/release/pii-pause")
BENCH_PYTHON = os.path.join(ROOT, ".venv-bench/bin/python")
REFERENCE = os.path.join(ROOT, "bench/reference")
WORK = os.path.join(ROOT, "target/bench")
RESULTS = os.path.join(ROOT, "bench/RESULTS.md")
CA_BUNDLE, CA_DIR = "/etc/ssl/certs/ca-certificates.crt", "/etc/ssl/certs"
SECRET_NAME = "pii-pause/bench"
DEMO_CLIENT = {"client_id": "7de3af06-c0b3-4f9b-af45-72f4a1403797", "client_secret": "demo-secret-not-for-production"}
# Lambda list price, us-east-1, x86_64 (the RIE here is x86_64), per GB-second; requests cost $0.20 per million.
PRICE_GB_S = 0.0000166667
INVOKE_TIMEOUT_S = 30  # an invocation without an answer by then has hung, and the bench fails
MEMORY_MB = 128  # the smallest setting; both functions fit in it (see the peak memory row)
# What the managed Python runtime brings itself, so it is not part of the deployment package.
RUNTIME_DISTS = {"pip", "setuptools", "wheel", "awslambdaric", "simplejson", "snapshot-restore-py"}
BOTO_DISTS = {"boto3", "botocore", "s3transfer", "jmespath", "python-dateutil", "six"}


class Failure(Exception):
    """Something did not run as it must (a wrong answer, a missing request, a process that did not start)."""


class Processes:
    """Every child process, each in its own session, stopped by process group."""

    def __init__(self):
        self.procs = []

    def start(self, argv, **kw):
        p = subprocess.Popen(argv, start_new_session=True, **kw)
        self.procs.append(p)
        return p

    def stop(self, p):
        if p in self.procs:
            self.procs.remove(p)
        for sig, wait in ((signal.SIGTERM, 5), (signal.SIGKILL, 5)):
            try:
                os.killpg(p.pid, sig)
            except ProcessLookupError:
                pass
            try:
                p.wait(timeout=wait)
                return
            except subprocess.TimeoutExpired:
                continue

    def stop_all(self):
        for p in reversed(list(self.procs)):
            self.stop(p)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_port(port, limit=30.0):
    deadline = time.monotonic() + limit
    while True:
        try:
            sock = socket.create_connection(("127.0.0.1", port), timeout=INVOKE_TIMEOUT_S)
            # As http.client does for connections it opens: without it Nagle and delayed ACK add 40 ms per request.
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            return sock
        except OSError:
            if time.monotonic() > deadline:
                raise Failure(f"nothing listens on 127.0.0.1:{port} after {limit:.0f} s")
            time.sleep(0.0005)


class Conn:
    """One keep-alive HTTP/1.1 connection to a loopback server; reconnects when the server closed it."""

    def __init__(self, port, sock=None):
        self.port = port
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        if sock is not None:
            self.c.sock = sock

    def request(self, method, path, body=None, headers=None):
        data = body if body is None or isinstance(body, bytes) else json.dumps(body).encode()
        hdrs = {"content-type": "application/json", **(headers or {})}
        for attempt in (0, 1):
            try:
                self.c.request(method, path, body=data, headers=hdrs)
                r = self.c.getresponse()
                return r.status, r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.c.close()
                if attempt:
                    raise

    def json(self, method, path, body=None, headers=None):
        status, raw = self.request(method, path, body, headers)
        return status, (json.loads(raw) if raw else None)

    def close(self):
        self.c.close()


def pct(values, q):
    """Percentile q (0..100) by linear interpolation."""
    s = sorted(values)
    if not s:
        return float("nan")
    k = (len(s) - 1) * q / 100
    lo, hi = math.floor(k), math.ceil(k)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def event(cid, flag="true"):
    """The direct invocation shape; the flag "true" asks for a pause, "false" is an event without PII."""
    attributes = {"PII_Detected": flag, "queueName": "Billing"}
    participant = {"participantId": "p1", "purpose": "customer", "attributes": attributes}
    return {"conversations": [{"conversationId": cid, "mediaType": "call", "participants": [participant]}]}


def flagged_event(cid):
    return event(cid, "true")


def clean_event(cid):
    return event(cid, "false")


class Infra:
    """The emulated cloud: moto Secrets Manager and the Genesys emulator, up for the whole run."""

    def __init__(self, procs):
        os.makedirs(WORK, exist_ok=True)
        for old in glob.glob(os.path.join(WORK, "*.log")):  # the logs of an earlier run
            os.remove(old)
        self.moto_port = free_port()
        self.moto_log = os.path.join(WORK, "moto.log")
        procs.start([os.path.join(ROOT, ".venv/bin/moto_server"), "-H", "127.0.0.1", "-p", str(self.moto_port)],
                    stdout=open(self.moto_log, "w"), stderr=subprocess.STDOUT)
        self.moto = f"http://127.0.0.1:{self.moto_port}"
        # The per-token rate limit (300/min, as Genesys) would throttle hundreds of sequential events: off.
        emu = procs.start([CLI, "emulator", "--listen", "127.0.0.1:0", "--rate-limit", "0"],
                          stdout=subprocess.PIPE, stderr=open(os.path.join(WORK, "emulator.log"), "w"), text=True)
        line = emu.stdout.readline()
        try:
            self.genesys = json.loads(line)["listening"]
        except (ValueError, KeyError):
            raise Failure(f"the Genesys emulator did not start: {line!r}")
        self.genesys_port = int(self.genesys.rsplit(":", 1)[1])
        self.admin = Conn(self.genesys_port)
        wait_port(self.moto_port).close()
        import boto3  # from .venv, only to create the secret
        sm = boto3.client("secretsmanager", region_name="us-east-1", endpoint_url=self.moto,
                          aws_access_key_id="test", aws_secret_access_key="test")
        sm.create_secret(Name=SECRET_NAME, SecretString=json.dumps(DEMO_CLIENT))

    def seed(self, n):
        ids = [str(uuid.uuid4()) for _ in range(n)]
        for cid in ids:
            status, _ = self.admin.request("PUT", "/__emulator/conversations",
                                           {"id": cid, "mediaType": "call", "recordingState": "ACTIVE"})
            if status != 200:
                raise Failure(f"seeding a conversation answered {status}")
        return ids

    def clear_requests(self):
        self.admin.request("DELETE", "/__emulator/requests")

    def requests(self):
        _, log = self.admin.json("GET", "/__emulator/requests")
        return [(r["method"], r["path"], r["status"]) for r in log]

    def secret_reads(self):
        """Secrets Manager calls so far (every call is a POST /; moto logs one line per request)."""
        with open(self.moto_log, errors="replace") as f:
            return sum(1 for line in f if '"POST / HTTP/1.1"' in line)

    def recording_state(self, cid):
        _, c = self.admin.json("GET", f"/__emulator/conversations/{cid}")
        return (c or {}).get("recordingState")


def upstream_floor(infra, n):
    """Response times of the emulated upstream alone, from this client: the Genesys emulator's PUT recordingstate
    (keep-alive, as a pooled client calls it, and a new connection per call, as plain requests.put does), its token
    endpoint, and moto's GetSecretValue."""
    import base64
    basic = base64.b64encode(f"{DEMO_CLIENT['client_id']}:{DEMO_CLIENT['client_secret']}".encode()).decode()
    token_headers = {"authorization": f"Basic {basic}", "content-type": "application/x-www-form-urlencoded"}
    token_times = []
    for _ in range(20):
        c = Conn(infra.genesys_port)
        t = time.perf_counter()
        status, raw = c.request("POST", "/oauth/token", b"grant_type=client_credentials", token_headers)
        token_times.append(time.perf_counter() - t)
        c.close()
        if status != 200:
            raise Failure(f"emulator token request answered {status}")
    auth = {"authorization": f"Bearer {json.loads(raw)['access_token']}"}
    body = {"recordingState": "PAUSED"}
    ids = infra.seed(n + n // 2 + 10)
    keep, fresh = [], []
    c = Conn(infra.genesys_port)
    for i, cid in enumerate(ids[:n + 10]):
        t = time.perf_counter()
        status, _ = c.request("PUT", f"/api/v2/conversations/calls/{cid}/recordingstate", body, auth)
        if i >= 10:  # the first few warm the connection and the server
            keep.append(time.perf_counter() - t)
        if status != 200:
            raise Failure(f"emulator PUT recordingstate answered {status}")
    c.close()
    for cid in ids[n + 10:]:
        t = time.perf_counter()
        c = Conn(infra.genesys_port)
        status, _ = c.request("PUT", f"/api/v2/conversations/calls/{cid}/recordingstate", body, auth)
        fresh.append(time.perf_counter() - t)
        c.close()
        if status != 200:
            raise Failure(f"emulator PUT recordingstate answered {status}")
    m = Conn(infra.moto_port)
    sm_headers = {"x-amz-target": "secretsmanager.GetSecretValue", "content-type": "application/x-amz-json-1.1",
                  "authorization": "AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/secretsmanager/aws4_request, "
                                   "SignedHeaders=host, Signature=00"}
    secret_times = []
    for i in range(25):
        t = time.perf_counter()
        status, _ = m.request("POST", "/", json.dumps({"SecretId": SECRET_NAME}).encode(), sm_headers)
        if i >= 5:
            secret_times.append(time.perf_counter() - t)
        if status != 200:
            raise Failure(f"moto GetSecretValue answered {status}")
    m.close()
    ms = lambda xs: [x * 1000 for x in xs]
    return {"put_keepalive": ms(keep), "put_new_conn": ms(fresh), "token": ms(token_times), "secret": ms(secret_times)}


class Function:
    """One Lambda function to run under the RIE: its command, working directory and environment."""

    def __init__(self, key, label, argv, cwd, infra):
        self.key, self.label, self.argv, self.cwd = key, label, argv, cwd
        self.env = {
            "PATH": "/usr/bin:/bin", "AWS_REGION": "us-east-1", "AWS_DEFAULT_REGION": "us-east-1",
            "AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ENDPOINT_URL_SECRETS_MANAGER": infra.moto, "GENESYS_SECRET_ID": SECRET_NAME,
            "GENESYS_API_URL": infra.genesys, "AWS_LAMBDA_LOG_FORMAT": "JSON",
            # pii-pause's client-side limit (300/min, as Genesys allows per token) would hold the 301st event of a
            # minute for up to 60 s; like the emulator's, it is off here. The Python reference has none.
            "GENESYS_RATE_LIMIT_PER_MINUTE": "0",
            # /var/task is read-only in Lambda: the handler is compiled at each cold start, libraries come with .pyc.
            "PYTHONDONTWRITEBYTECODE": "1", "LANG": "C.UTF-8",
        }


class Sandbox:
    """One RIE process (one fresh execution environment) running a function; timed from its start."""

    def __init__(self, procs, rie, fn, log_name):
        self.procs, self.fn = procs, fn
        self.port, api_port = free_port(), free_port()
        self.log_path = os.path.join(WORK, log_name)
        self.log = open(self.log_path, "w")
        self.t0 = time.perf_counter()
        self.proc = procs.start([rie, "--runtime-interface-emulator-address", f"127.0.0.1:{self.port}",
                                 "--runtime-api-address", f"127.0.0.1:{api_port}", *fn.argv],
                                cwd=fn.cwd, env=fn.env, stdout=self.log, stderr=subprocess.STDOUT)
        self.conn = Conn(self.port, wait_port(self.port))
        self.t_ready = time.perf_counter()

    def invoke(self, event):
        t = time.perf_counter()
        try:
            status, raw = self.conn.request("POST", "/2015-03-31/functions/function/invocations", event)
        except TimeoutError:
            raise Failure(f"{self.fn.label}: no answer within {INVOKE_TIMEOUT_S} s (log: {self.log_path})")
        done = time.perf_counter()
        try:
            answer = json.loads(raw)
        except ValueError:
            answer = {"errorType": "NotJSON", "status": status}
        return done - t, done, answer

    def function_pid(self):
        children = []
        for task in glob.glob(f"/proc/{self.proc.pid}/task/*/children"):
            with open(task) as f:
                children += f.read().split()
        if len(children) != 1:
            raise Failure(f"{self.fn.label}: expected one function process under the RIE, found {children}")
        return int(children[0])

    def memory_kb(self):
        """(VmHWM, VmRSS) of the function process in kB."""
        with open(f"/proc/{self.function_pid()}/status") as f:
            status = dict(line.split(":", 1) for line in f if ":" in line)
        return int(status["VmHWM"].split()[0]), int(status["VmRSS"].split()[0])

    def stop(self):
        self.conn.close()
        self.procs.stop(self.proc)
        self.log.close()
        with open(self.log_path, errors="replace") as f:
            text = f.read()
        init = [float(x) for x in re.findall(r"INIT REPORT\(durationMs: ([\d.]+)\)", text)]
        report = r"^REPORT RequestId: \S+\t(?:Init Duration: [\d.]+ ms\t)?Duration: ([\d.]+) ms"
        reports = [float(x) for x in re.findall(report, text, re.M)]
        return init, reports


def check_answer(fn, answer, cid, action):
    results = answer.get("results") if isinstance(answer, dict) else None
    if not results or results[0].get("conversationId") != cid or results[0].get("action") != action:
        raise Failure(f"{fn.label}: expected action {action} for {cid}, got {json.dumps(answer)[:400]}")


def count_upstream(reqs):
    tokens = sum(1 for m, p, s in reqs if p == "/oauth/token")
    pauses = sum(1 for m, p, s in reqs if m == "PUT" and p.endswith("/recordingstate") and s == 200)
    return tokens, pauses, len(reqs) - tokens - pauses


def cold_run(procs, rie, infra, fn, i):
    cid = infra.seed(1)[0]
    infra.clear_requests()
    reads_before = infra.secret_reads()
    box = Sandbox(procs, rie, fn, f"{fn.key}-cold-{i}.log")
    try:
        _, done, answer = box.invoke(flagged_event(cid))
        hwm, _ = box.memory_kb()
    finally:
        init, reports = box.stop()
    check_answer(fn, answer, cid, "paused")
    if infra.recording_state(cid) != "PAUSED":
        raise Failure(f"{fn.label}: the conversation is not PAUSED after the cold invocation")
    time.sleep(0.05)  # moto writes its access log line after answering
    secret_reads = infra.secret_reads() - reads_before
    tokens, pauses, other = count_upstream(infra.requests())
    if (secret_reads, tokens, pauses, other) != (1, 1, 1, 0):
        raise Failure(f"{fn.label}: cold upstream requests: secret {secret_reads}, token {tokens}, pause {pauses}, "
                      f"other {other} (expected 1, 1, 1, 0)")
    if len(init) < 1 or len(reports) != 1:
        raise Failure(f"{fn.label}: no INIT REPORT / REPORT line in {box.log_path}")
    return {"total": (done - box.t0) * 1000, "ready": (box.t_ready - box.t0) * 1000, "init": init[0],
            "report": reports[0], "invoke": reports[0] - init[0], "hwm": hwm,
            "upstream": secret_reads + tokens + pauses}


def warm_run(procs, rie, infra, fn, n, n_clean, warmup=5):
    """One RIE: a cold and `warmup` flagged invocations, then n flagged events with n_clean events without PII
    spread evenly among them (so that both kinds see the same load on a shared machine)."""
    ids = infra.seed(1 + warmup + n)
    plan = [("flagged", cid) for cid in ids[1 + warmup:]]
    for k in range(n_clean):
        plan.insert(round((k + 0.5) * len(plan) / n_clean), ("clean", str(uuid.uuid4())))
    box = Sandbox(procs, rie, fn, f"{fn.key}-warm.log")
    times = {"flagged": [], "clean": []}
    try:
        for cid in ids[:1 + warmup]:
            _, _, answer = box.invoke(flagged_event(cid))
            check_answer(fn, answer, cid, "paused")
        infra.clear_requests()
        reads_before = infra.secret_reads()
        for kind, cid in plan:
            dt, _, answer = box.invoke(event(cid, "true" if kind == "flagged" else "false"))
            times[kind].append(dt * 1000)
            check_answer(fn, answer, cid, "paused" if kind == "flagged" else "none")
        hwm, rss = box.memory_kb()
    finally:
        init, reports = box.stop()
    time.sleep(0.05)
    secret_reads = infra.secret_reads() - reads_before
    tokens, pauses, other = count_upstream(infra.requests())
    if (secret_reads, tokens, pauses, other) != (0, 0, n, 0):
        raise Failure(f"{fn.label}: warm upstream requests over {n} flagged and {n_clean} clean events: secret "
                      f"{secret_reads}, token {tokens}, pause {pauses}, other {other} (expected 0, 0, {n}, 0)")
    if len(reports) != 1 + warmup + len(plan):
        raise Failure(f"{fn.label}: {len(reports)} REPORT lines for {1 + warmup + len(plan)} invocations")
    measured = list(zip((kind for kind, _ in plan), reports[1 + warmup:]))
    return {"flagged": times["flagged"], "clean": times["clean"], "hwm": hwm, "rss": rss,
            "report": [d for kind, d in measured if kind == "flagged"],
            "report_clean": [d for kind, d in measured if kind == "clean"],
            "upstream": (secret_reads + tokens + pauses + other) / n}


def sizes():
    """Artifact sizes in bytes: the bootstrap and its zip; the Python deployment package (handler + requests and
    its dependencies, boto3 from the managed runtime) zipped, and all Python code the handler loads on disk."""
    def zipped(files):
        path = os.path.join(WORK, "package.zip")
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for src, name in files:
                z.write(src, name)
        size = os.path.getsize(path)
        os.remove(path)
        return size

    listing = subprocess.run([BENCH_PYTHON, "-c", (
        "import json, importlib.metadata as m\n"
        "out = {}\n"
        "for d in m.distributions():\n"
        "    out[d.metadata['Name'].lower()] = [(str(f.locate()), str(f)) for f in (d.files or [])"
        " if '__pycache__' not in str(f) and not str(f).startswith('..') and f.locate().is_file()]\n"
        "print(json.dumps(out))")], capture_output=True, text=True, check=True).stdout
    dists = {k.replace("_", "-"): v for k, v in json.loads(listing).items()}
    handler = [(os.path.join(REFERENCE, "lambda_function.py"), "lambda_function.py")]
    package = handler + [f for name, files in dists.items()
                         if name not in RUNTIME_DISTS and name not in BOTO_DISTS for f in files]
    loaded = handler + [f for name, files in dists.items() if name not in RUNTIME_DISTS for f in files]
    return {
        "rust_file": os.path.getsize(BOOTSTRAP), "rust_zip": zipped([(BOOTSTRAP, "bootstrap")]),
        "py_zip": zipped(package), "py_loaded": sum(os.path.getsize(src) for src, _ in loaded),
    }


def cost_per_million(duration_ms, memory_mb=MEMORY_MB):
    """Compute (GB-s) cost of a million invocations of this duration; the request fee is the same for both."""
    return 1e6 * math.ceil(duration_ms) / 1000 * memory_mb / 1024 * PRICE_GB_S


def machine():
    model = "unknown"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    with open(BOOTSTRAP, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()[:12]
    built = datetime.datetime.fromtimestamp(os.path.getmtime(BOOTSTRAP), datetime.timezone.utc)
    return {"nproc": nproc, "cpu": model, "kernel": platform.release(), "commit": commit.strip() or "?",
            "bootstrap": f"sha256 {digest}…, built {built.strftime('%Y-%m-%d %H:%M UTC')}",
            "python": platform.python_version(), "load": load,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def table(args, info, floor, cold, warm, size, targets):
    def ms(x):
        return f"{x:.2f} ms" if x < 10 else f"{x:.1f} ms" if x < 100 else f"{x:.0f} ms"

    def mb(kb):
        return f"{kb / 1024:.1f} MB"

    def ratio(r, p):
        return f"{p / r:.1f}×" if r > 0 else "—"

    def spread(xs):
        return f"{ms(pct(xs, 50))} ({ms(min(xs))}–{ms(max(xs))})"

    R, P = "rust", "python"
    put = pct(floor["put_keepalive"], 50)
    rows = []

    def row(name, r, p, fmt, better=True):
        rows.append((name, fmt(r), fmt(p), ratio(r, p) if better else "—"))

    def cold_row(name, key, better=True):
        xs, ys = [c[key] for c in cold[R]], [c[key] for c in cold[P]]
        rows.append((name, spread(xs), spread(ys), ratio(pct(xs, 50), pct(ys, 50)) if better else "—"))

    cold_row(f"Cold invocation, RIE start → first response (median, min–max of {args.cold_runs})", "total")
    cold_row("Init Duration (RIE `INIT REPORT`)", "init")
    cold_row("First invocation incl. init (RIE `REPORT` Duration)", "report")
    cold_row("… of which the first event after init (secret + token + pause)", "invoke")
    cold_row("RIE start → listening (the RIE's own start, same for both)", "ready", better=False)
    for q in (50, 95, 99):
        row(f"Warm invocation p{q}, flagged event → pause ({args.warm_events} events)",
            pct(warm[R]["flagged"], q), pct(warm[P]["flagged"], q), ms)
    row("Warm function duration p50 (RIE `REPORT` Duration)", pct(warm[R]["report"], 50),
        pct(warm[P]["report"], 50), ms)
    row("Warm function duration p50, event without PII (RIE `REPORT` Duration)", pct(warm[R]["report_clean"], 50),
        pct(warm[P]["report_clean"], 50), ms)
    row(f"Warm overhead p50 = warm p50 − emulator PUT p50 ({ms(put)})", pct(warm[R]["flagged"], 50) - put,
        pct(warm[P]["flagged"], 50) - put, ms)
    row(f"Warm invocation p50, event without PII (no upstream call: RIE round trip + scan; {args.clean_events} "
        "events spread among the flagged ones)", pct(warm[R]["clean"], 50), pct(warm[P]["clean"], 50), ms)
    row("Warm cost of the pause = flagged p50 − without-PII p50 (difference of two noisy medians)",
        pct(warm[R]["flagged"], 50) - pct(warm[R]["clean"], 50),
        pct(warm[P]["flagged"], 50) - pct(warm[P]["clean"], 50), ms, better=False)
    row("Peak RSS of the function process after the cold invocation (VmHWM, max)",
        max(c["hwm"] for c in cold[R]), max(c["hwm"] for c in cold[P]), mb)
    row(f"Peak RSS of the function process after all warm events (VmHWM)", warm[R]["hwm"], warm[P]["hwm"], mb)
    row("Deployment package, zipped (Python: handler + requests & deps; boto3 from the runtime)",
        size["rust_zip"], size["py_zip"], lambda b: f"{b / 1e6:.2f} MB")
    row("Code on disk (bootstrap / handler + requests + boto3 & deps, no .pyc)",
        size["rust_file"], size["py_loaded"], lambda b: f"{b / 1e6:.2f} MB")
    row("Upstream requests per cold event (secret + token + pause)", pct([c["upstream"] for c in cold[R]], 50),
        pct([c["upstream"] for c in cold[P]], 50), lambda x: f"{x:g}", better=False)
    row("Upstream requests per warm event", warm[R]["upstream"], warm[P]["upstream"], lambda x: f"{x:g}",
        better=False)
    row(f"Est. compute cost per 1M warm events ({MEMORY_MB} MB x86_64, billed ⌈REPORT p50⌉ ms; + $0.20 requests)",
        cost_per_million(pct(warm[R]["report"], 50)), cost_per_million(pct(warm[P]["report"], 50)),
        lambda x: f"${x:.4f}")
    row("Est. compute cost per 1M cold starts (billed ⌈init + first invocation⌉ ms; + $0.20 requests)",
        cost_per_million(pct([c["report"] for c in cold[R]], 50)),
        cost_per_million(pct([c["report"] for c in cold[P]], 50)), lambda x: f"${x:.4f}")

    lines = ["# pii-pause benchmark", "",
             f"Machine: {info['nproc']} cores, {info['cpu']}, Linux {info['kernel']}; load average at start "
             f"{info['load']}, at end {machine()['load']}. Date: {info['date']}. Commit {info['commit']}; bootstrap "
             f"{info['bootstrap']}.", "",
             f"Command: `{' '.join(['scripts/bench.sh', *args.argv])}` (cold runs {args.cold_runs}, warm events "
             f"{args.warm_events}, events without PII {args.clean_events}).", "",
             "| Figure | pii-pause (Rust) | Python reference | Ratio (Python ÷ Rust) |", "|---|---:|---:|---:|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    lines += ["", "Upstream alone, measured from the bench client (p50): emulator `PUT recordingstate` "
              f"{ms(put)} keep-alive, {ms(pct(floor['put_new_conn'], 50))} on a new connection; emulator token "
              f"{ms(pct(floor['token'], 50))}; moto `GetSecretValue` {ms(pct(floor['secret'], 50))}.", ""]
    med = lambda key, k=R: pct([c[key] for c in cold[k]], 50)
    where = (f"Where the pii-pause cold start goes (medians): RIE start → listening {ms(med('ready'))}; Init "
             f"{ms(med('init'))}")
    if "rust-bundle" in cold:
        files = len(os.listdir(CA_DIR))
        where += (f" (with the root certificates from the one bundle file instead of the {files} files of {CA_DIR}: "
                  f"{ms(med('init', 'rust-bundle'))})")
    where += (f"; first event after init {ms(med('invoke'))} (moto `GetSecretValue` alone "
              f"{ms(pct(floor['secret'], 50))}, token {ms(pct(floor['token'], 50))}, pause {ms(put)}); RIE relay and "
              f"client {ms(med('total') - med('ready') - med('report'))}.")
    lines += [where, "", "Targets:", ""]
    lines += [f"- {t}" for t in targets]
    lines += ["", " ".join([
        "How: both functions run under the real Lambda Runtime Interface Emulator (from aws-sam-cli), one fresh RIE",
        "process per cold run (after one unmeasured start of each), alternating Rust and Python. Rust is the release",
        "`bootstrap` (`target/release/pii-pause-lambda`); Python is `bench/reference/lambda_function.py` (boto3,",
        "`requests.post`/`requests.put` without a session, `re`) under awslambdaric in `.venv-bench`. Each flagged",
        "event is a new conversation that needs a real pause. Warm figures follow one cold and 5 warm-up invocations",
        "in the same RIE. Init Duration is the RIE's `INIT REPORT(durationMs)` line (its `REPORT` line prints a",
        "placeholder Init Duration and Max Memory Used). Latencies are measured by the bench client over a keep-alive",
        "connection to the RIE; this machine is shared, so single runs vary by about ±20 %. Memory is VmHWM of the",
        "function process (the RIE's child). Cost uses the us-east-1 x86_64 list prices",
        f"(${PRICE_GB_S:.10f}/GB-s, $0.20 per 1M requests) and this machine's durations; a {MEMORY_MB} MB Lambda",
        "gets a fraction of a vCPU, so real durations are longer for both. The Genesys emulator runs without its",
        "per-token rate limit and pii-pause without its client-side one (`GENESYS_RATE_LIMIT_PER_MINUTE=0`).",
        "Generated by `scripts/bench.py`."])]
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cold-runs", type=int, default=20)
    parser.add_argument("--warm-events", type=int, default=1000)
    parser.add_argument("--clean-events", type=int, default=None, help="warm events without PII (default: a fifth)")
    parser.add_argument("--quick", action="store_true", help="small counts, a smoke run for CI")
    parser.add_argument("--output", default=RESULTS, help="Markdown file to write (default bench/RESULTS.md)")
    args = parser.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # so that `finally` stops the processes
    args.argv = sys.argv[1:]
    if args.quick:
        args.cold_runs, args.warm_events = min(args.cold_runs, 2), min(args.warm_events, 30)
    if args.clean_events is None:
        args.clean_events = max(10, args.warm_events // 5)
    if min(args.cold_runs, args.warm_events, args.clean_events) < 1:
        parser.error("--cold-runs, --warm-events and --clean-events must be at least 1")
    if args.quick and args.output == RESULTS:
        args.output = os.path.join(WORK, "RESULTS-quick.md")

    rie = sorted(glob.glob(os.path.join(ROOT, ".venv/lib/python3*/site-packages/samcli/local/rapid/"
                                              "aws-lambda-rie-x86_64")))
    for path, hint in ((BOOTSTRAP, "cargo build --release"), (CLI, "cargo build --release"),
                       (BENCH_PYTHON, "scripts/bench.sh"), (rie[0] if rie else "the RIE", "scripts/setup-venv.sh")):
        if not os.path.exists(path):
            print(f"missing {path}: run {hint}", file=sys.stderr)
            return 2
    rie = rie[0]
    info = machine()
    started = time.monotonic()
    procs = Processes()
    try:
        infra = Infra(procs)
        rust = Function("rust", "pii-pause", [BOOTSTRAP], ROOT, infra)
        python = Function("python", "Python reference", [BENCH_PYTHON, "-m", "awslambdaric",
                                                         "lambda_function.handler"], REFERENCE, infra)
        print(f"machine: {info['nproc']} cores, {info['cpu']}; load {info['load']}; {info['date']}", flush=True)
        floor = upstream_floor(infra, max(50, min(args.warm_events, 500)))
        print(f"emulator PUT recordingstate p50 {pct(floor['put_keepalive'], 50):.3f} ms (keep-alive)", flush=True)
        # Diagnostic, not compared: the same bootstrap with its root certificates from the one bundle file (as on
        # Amazon Linux 2023, whose certificate directory holds bundles only) instead of every file in CA_DIR.
        bundle = Function("rust-bundle", "pii-pause (CA bundle only)", [BOOTSTRAP], ROOT, infra)
        empty = os.path.join(WORK, "empty-cert-dir")
        os.makedirs(empty, exist_ok=True)
        bundle.env.update({"SSL_CERT_FILE": CA_BUNDLE, "SSL_CERT_DIR": empty})
        variants = (rust, python, bundle) if os.path.exists(CA_BUNDLE) else (rust, python)
        for fn in variants:  # one unmeasured start each, so that no variant pays for loading files into the cache
            cold_run(procs, rie, infra, fn, "prime")
        cold = {fn.key: [] for fn in variants}
        for i in range(args.cold_runs):
            for fn in variants:
                cold[fn.key].append(cold_run(procs, rie, infra, fn, i))
            print(f"cold run {i + 1}/{args.cold_runs}: pii-pause {cold['rust'][-1]['total']:.1f} ms, "
                  f"Python {cold['python'][-1]['total']:.1f} ms", flush=True)
        warm = {}
        for fn in (rust, python):
            warm[fn.key] = warm_run(procs, rie, infra, fn, args.warm_events, args.clean_events)
            print(f"warm {fn.label}: p50 {pct(warm[fn.key]['flagged'], 50):.3f} ms over {args.warm_events} events",
                  flush=True)
        size = sizes()
    except Failure as e:
        print(f"bench failed: {e}", file=sys.stderr)
        return 1
    finally:
        procs.stop_all()

    put = pct(floor["put_keepalive"], 50)
    cold_ratio = pct([c["total"] for c in cold["python"]], 50) / pct([c["total"] for c in cold["rust"]], 50)
    init_ratio = pct([c["init"] for c in cold["python"]], 50) / pct([c["init"] for c in cold["rust"]], 50)
    overhead = pct(warm["rust"]["flagged"], 50) - put
    peak = max([c["hwm"] for c in cold["rust"]] + [warm["rust"]["hwm"]]) / 1024
    verdict = lambda ok: "**met**" if ok else "**not met**"
    targets = [
        f"Cold invocation ≥ 10× faster than Python: {cold_ratio:.1f}× end to end (RIE start → first response), "
        f"{init_ratio:.1f}× on Init Duration — {verdict(cold_ratio >= 10)}",
        f"Warm overhead < 1 ms at p50: {overhead:.3f} ms — {verdict(overhead < 1)}",
        f"Peak memory < 32 MB: {peak:.1f} MB — {verdict(peak < 32)}",
    ]
    text = table(args, info, floor, cold, warm, size, targets)
    print()
    print(text)
    os.makedirs(os.path.dirname(args.output), exist_ok=True)
    with open(args.output, "w") as f:
        f.write(text)
    print(f"written to {os.path.relpath(args.output, ROOT)} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
