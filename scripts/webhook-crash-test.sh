#!/usr/bin/env bash
# Webhook crash test: the published service (Development, for its loopback target) on a throw-away SQLite
# file delivers alert.created events to an HTTPS receiver on 127.0.0.1 (self-signed, trusted by thumbprint; 1 in 10
# answers 503 so retries happen). Submissions whose item 9 raises an urgent alert run under load; the service is
# killed with -9 mid-load several times and restarted. At the end every alert the database committed must have reached
# the receiver at least once (counted by webhook-id and alertId), none lost (waiting up to 8 minutes: a row answered 503
# twice waits 5 s, then 5 min, by the schedule). Then a quiet round measures the latency
# from a 201 to its urgent event at the receiver (p50, p99). Traffic stays on 127.0.0.1 and is bounded.
# Usage: scripts/webhook-crash-test.sh [kills=5] [workers=6] [latency-samples=200]      Needs: .NET SDK, python3, openssl.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-5}
workers=${2:-6}
samples=${3:-200}
work=$(mktemp -d)
trap 'kill -9 $(cat "$work/pid" 2>/dev/null) $(cat "$work/receiver.pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish -v q -nologo -c Release -o "$work/app" src/Feedback.Api >/dev/null
openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
    -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
thumbprint=$(openssl x509 -in "$work/cert.pem" -noout -fingerprint -sha1 | cut -d= -f2 | tr -d :)
export ConnectionStrings__Feedback="Data Source=$work/feedback.db" ASPNETCORE_ENVIRONMENT=Development
export Webhooks__SecretEncryptionKey="$(head -c 32 /dev/urandom | base64)" Webhooks__TrustedCertificateThumbprints__0="$thumbprint"
export RateLimiting__PermitsPerSecond=100000 RateLimiting__Burst=100000 Logging__LogLevel__Default=Warning
key=$(dotnet "$work/app/Feedback.Api.dll" keys create --tenant crash --scopes submit,read,admin | tail -n 1)

WORK="$work" python3 - <<'PY' &
# The receiver: records (time, webhook-id, body) of each delivery; 1 in 10 answered 503.
import http.server, json, os, random, ssl, threading, time
work = os.environ["WORK"]
log = open(f"{work}/received.jsonl", "a", buffering=1)
lock = threading.Lock()
class Hook(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver: a closed connection would count as a failed attempt
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        if os.path.exists(f"{work}/failing") and random.random() < 0.1:
            self.send_response(503); self.send_header("Content-Length", "0"); self.end_headers(); return
        with lock:
            log.write(json.dumps({"at": time.time(), "id": self.headers["webhook-id"], "body": body}) + "\n")
        self.send_response(204); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 5443), Hook)
context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain(f"{work}/cert.pem", f"{work}/key.pem")
server.socket = context.wrap_socket(server.socket, server_side=True)
server.serve_forever()
PY
echo $! > "$work/receiver.pid"

KEY="$key" WORK="$work" KILLS="$kills" WORKERS="$workers" SAMPLES="$samples" python3 - <<'PY'
import json, os, random, signal, sqlite3, subprocess, threading, time, urllib.request

work, key = os.environ["WORK"], os.environ["KEY"]
kills, workers, samples = int(os.environ["KILLS"]), int(os.environ["WORKERS"]), int(os.environ["SAMPLES"])
base = "http://127.0.0.1:5097"
random.seed(20261124)

def start():
    p = subprocess.Popen(["dotnet", f"{work}/app/Feedback.Api.dll", "--urls", base], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    open(f"{work}/pid", "w").write(str(p.pid))
    for _ in range(300):
        try:
            urllib.request.urlopen(base + "/health/ready", timeout=1); return p
        except Exception: time.sleep(0.05)
    raise SystemExit("server did not start")

def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"X-Api-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, json.loads(r.read() or b"{}")

def received():
    out = []
    if os.path.exists(f"{work}/received.jsonl"):
        for line in open(f"{work}/received.jsonl"):
            try: out.append(json.loads(line))
            except ValueError: pass  # a line being written
    return out

open(f"{work}/failing", "w").close()  # under load, 1 in 10 deliveries is answered 503
server = start()
call("POST", "/v1/webhooks/endpoints", {"url": "https://127.0.0.1:5443/hooks", "eventTypes": ["alert.created"]})
acknowledged, lock, counter = {}, threading.Lock(), iter(range(10**9))

def submit(n):
    body = {"instrument": "PHQ-9", "administeredAt": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(1.7e9 + n)) + "Z",
            "sessionNumber": n % 40 + 1, "items": [1, 1, 1, 1, 1, 1, 1, 1, 3]}  # item 9 = 3: an urgent risk alert
    sent = time.time()
    status, answer = call("POST", f"/v1/clients/wcrash-{n % 40}/administrations", body)
    return time.time(), answer, sent

def worker(stop):
    while not stop.is_set():
        n = next(counter)
        try: at, answer, _ = submit(n)
        except Exception: continue
        with lock:
            for a in answer["alerts"]: acknowledged[a["id"]] = at

for round in range(1, kills + 1):
    stop = threading.Event()
    threads = [threading.Thread(target=worker, args=(stop,)) for _ in range(workers)]
    for t in threads: t.start()
    time.sleep(random.uniform(1.0, 2.5))
    server.send_signal(signal.SIGKILL); server.wait()
    stop.set()
    for t in threads: t.join()
    print(f"round {round}: killed -9 with {len(acknowledged)} alerts acknowledged so far, {len(received())} deliveries received")
    server = start()

# Every alert the database holds (acknowledged or committed before its 201 was lost) must reach the receiver.
def delivered_alerts():
    return {json.loads(r["body"])["data"]["alertId"] for r in received()}
db = sqlite3.connect(f"{work}/feedback.db")
committed = {row[0] for row in db.execute("SELECT id FROM alerts")}
db.close()
deadline = time.time() + 480
while time.time() < deadline and not committed <= delivered_alerts(): time.sleep(0.5)
got = received()
ids = [r["id"] for r in got]
lost = committed - delivered_alerts()
print(f"kills: {kills}, alerts committed: {len(committed)}, acknowledged (201): {len(acknowledged)}, after {time.time() - deadline + 480:.0f} s: "
      f"delivered: {len(committed & delivered_alerts())}, lost: {len(lost)}, "
      f"deliveries received: {len(got)} ({len(ids) - len(set(ids))} repeats of a webhook-id, at least once allows them)")

# Latency, quiet: one submission at a time, 201 to the urgent event's arrival; the receiver answers 204 to all.
os.remove(f"{work}/failing")
pending = {}
for n in range(10**6, 10**6 + samples):
    at, answer, sent = submit(n)
    pending[answer["alerts"][0]["id"]] = (at, sent)
    time.sleep(0.05)
deadline = time.time() + 60
while time.time() < deadline and not set(pending) <= delivered_alerts(): time.sleep(0.2)
first = {}
for r in received():
    alert = json.loads(r["body"])["data"]["alertId"]
    if alert in pending and alert not in first: first[alert] = r["at"]
# The event may arrive before the client has read its 201 (it is sent once the transaction commits): negative is early.
after_201 = sorted(at - pending[a][0] for a, at in first.items())
after_send = sorted(at - pending[a][1] for a, at in first.items())
p = lambda xs, q: xs[min(len(xs) - 1, int(q * len(xs)))] * 1000
print(f"latency of {len(first)} urgent events at the receiver: after the 201 p50 {p(after_201, 0.5):.0f} ms, p99 {p(after_201, 0.99):.0f} ms, "
      f"max {after_201[-1] * 1000:.0f} ms; after the POST was sent p50 {p(after_send, 0.5):.0f} ms, p99 {p(after_send, 0.99):.0f} ms")
latencies = after_201
server.send_signal(signal.SIGTERM); server.wait()
raise SystemExit(0 if not lost and len(latencies) == samples else 1)
PY
