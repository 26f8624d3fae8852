#!/usr/bin/env bash
# Crash test: the real server on a throw-away SQLite file, concurrent POSTs and GETs, kill -9 mid-load
# several times, restart, then check that every administration whose 201 a client received is there and intact, that
# nothing is half-written (an administration without its alerts), and that every read whose 200 a client received has
# its audit entry, as every stored administration has. Traffic goes to 127.0.0.1 only and is bounded.
# Usage: scripts/crash-test.sh [kills=5] [workers=8]      Needs: .NET SDK, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
kills=${1:-5}
workers=${2:-8}
work=$(mktemp -d)
trap 'kill -9 $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish -v q -nologo -c Release -o "$work/app" src/Feedback.Api >/dev/null
export ConnectionStrings__Feedback="Data Source=$work/feedback.db" ASPNETCORE_ENVIRONMENT=Production Webhooks__SecretEncryptionKey="$(head -c 32 /dev/urandom | base64)"
export RateLimiting__PermitsPerSecond=100000 RateLimiting__Burst=100000
key=$(dotnet "$work/app/Feedback.Api.dll" keys create --tenant crash --scopes submit,read | tail -n 1)

KEY="$key" WORK="$work" KILLS="$kills" WORKERS="$workers" python3 - <<'PY'
import json, os, random, signal, sqlite3, subprocess, threading, time, urllib.request, urllib.error

work, key = os.environ["WORK"], os.environ["KEY"]
kills, workers = int(os.environ["KILLS"]), int(os.environ["WORKERS"])
base = "http://127.0.0.1:5098"
random.seed(20261123)

def start():
    p = subprocess.Popen(["dotnet", f"{work}/app/Feedback.Api.dll", "--urls", base],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    open(f"{work}/pid", "w").write(str(p.pid))
    for _ in range(200):
        try:
            urllib.request.urlopen(base + "/health/ready", timeout=1); return p
        except Exception: time.sleep(0.05)
    raise SystemExit("server did not start")

def call(method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode(),
                                 headers={"X-Api-Key": key, "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=5) as r:
        return r.status, json.loads(r.read())

acknowledged, lock, counter = {}, threading.Lock(), iter(range(10**9))
sent = 0

def worker(stop):
    global sent
    while not stop.is_set():
        n = next(counter)
        items = [random.randint(0, 3) for _ in range(8)] + [random.choice([0, 0, 0, 1, 2])]
        body = {"instrument": "PHQ-9", "administeredAt": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(1.7e9 + n)) + "Z",
                "sessionNumber": n % 40 + 1, "items": items}
        client = f"crash-{n % 50}"
        try:
            with lock: sent += 1
            status, answer = call("POST", f"/v1/clients/{client}/administrations", body)
        except Exception:
            continue  # no 201 received: the client does not count on it
        if status == 201:
            with lock: acknowledged[answer["id"]] = (client, items, len(answer["alerts"]))

reads_acknowledged, reads_sent = {}, 0

def reader(stop):
    # Reads of administrations already acknowledged; each 200 received must have its audit entry (route, id, 200).
    global reads_sent
    while not stop.is_set():
        with lock: known = list(acknowledged.items())
        if not known: time.sleep(0.01); continue
        id, (client, _, _) = random.choice(known)
        try:
            with lock: reads_sent += 1
            status, _ = call("GET", f"/v1/clients/{client}/administrations/{id}")
        except Exception:
            continue
        if status == 200:
            with lock: reads_acknowledged[id] = reads_acknowledged.get(id, 0) + 1

for round in range(1, kills + 1):
    server = start()
    stop = threading.Event()
    threads = [threading.Thread(target=worker, args=(stop,)) for _ in range(workers)]
    threads += [threading.Thread(target=reader, args=(stop,)) for _ in range(max(1, workers // 2))]
    for t in threads: t.start()
    time.sleep(random.uniform(1.0, 2.5))
    server.send_signal(signal.SIGKILL)  # kill -9, mid-load
    server.wait()
    stop.set()
    for t in threads: t.join()
    print(f"round {round}: killed with {len(acknowledged)} acknowledged so far, {sent} sent")

# Before the server runs again (its own reads below are audited too): every acknowledged read has its entry.
db = sqlite3.connect(f"{work}/feedback.db")
audited = dict(db.execute("""
    SELECT resource_id, COUNT(*) FROM audit_log
    WHERE method = 'GET' AND route = 'v1/clients/{clientId}/administrations/{id}' AND status = 200
    GROUP BY resource_id""").fetchall())
db.close()
unaudited = sum(max(0, n - audited.get(id, 0)) for id, n in reads_acknowledged.items())

server = start()
missing = damaged = 0
for id, (client, items, alerts) in acknowledged.items():
    try:
        status, stored = call("GET", f"/v1/clients/{client}/administrations/{id}")
    except urllib.error.HTTPError as e:
        if missing == 0: print("first missing:", e.code, e.read()[:300])
        missing += 1; continue
    if stored["items"] != items or len(stored["alerts"]) != alerts: damaged += 1
server.send_signal(signal.SIGTERM); server.wait()

db = sqlite3.connect(f"{work}/feedback.db")
integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
stored = db.execute("SELECT COUNT(*) FROM administrations").fetchone()[0]
# Half-written: a PHQ-9 whose item 9 is answered (or not) without the risk alert that must come with it.
orphans = db.execute("""
    SELECT COUNT(*) FROM administrations a
    WHERE json_extract(a.items_json, '$[8]') >= 1
      AND NOT EXISTS (SELECT 1 FROM alerts l WHERE l.administration_id = a.id AND l.kind = 'risk_item')""").fetchone()[0]
# A submission is stored in the same transaction as its audit entry, so no kill can leave one without the other.
posted = dict(db.execute("""
    SELECT client_id, COUNT(*) FROM audit_log
    WHERE method = 'POST' AND route = 'v1/clients/{clientId}/administrations' AND status = 201 GROUP BY client_id""").fetchall())
writes_unaudited = sum(max(0, n - posted.get(client, 0)) for client, n in
    db.execute("SELECT client_id, COUNT(*) FROM administrations GROUP BY client_id").fetchall())
print(f"kills: {kills}, requests sent: {sent}, acknowledged (201): {len(acknowledged)}, stored: {stored}, stored without their audit entry: {writes_unaudited}")
print(f"acknowledged but missing: {missing}, damaged: {damaged}, administrations without their alerts: {orphans}, integrity: {integrity}")
print(f"reads sent: {reads_sent}, acknowledged (200): {sum(reads_acknowledged.values())}, "
      f"audit entries of those reads: {sum(audited.get(id, 0) for id in reads_acknowledged)}, acknowledged reads without an entry: {unaudited}")
raise SystemExit(0 if missing == damaged == orphans == unaudited == writes_unaudited == 0 and integrity == "ok" else 1)
PY
