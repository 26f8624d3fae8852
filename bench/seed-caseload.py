"""Seeds a caseload over HTTP for bench/due-list.sh: CLIENTS clients of clinician clin-bench with SESSIONS weekly sessions
(PHQ-9 and SRS each session, GAD-7 every 4th, CORE-10 every 4th), and OTHERS clients of 20 other clinicians with 3 sessions.
Four keep-alive connections post in parallel. Usage: seed-caseload.py API KEY CLIENTS SESSIONS OTHERS"""
import http.client, json, sys, threading, datetime, urllib.parse

api, key, clients, sessions, others = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
host = urllib.parse.urlparse(api)
start = datetime.datetime(2026, 6, 1, 9, 0, tzinfo=datetime.timezone.utc)
items = {"PHQ-9": [2, 1, 1, 2, 1, 1, 0, 1, 0], "GAD-7": [2, 1, 1, 2, 1, 1, 0], "SRS": [8.5, 9.1, 8.8, 9.0],
         "CORE-10": [2, 1, 1, 2, 1, 0, 1, 2, 1, 1]}

def work(jobs):
    conn = http.client.HTTPConnection(host.hostname, host.port)
    headers = {"X-Api-Key": key, "Content-Type": "application/json"}
    for method, path, body in jobs:
        conn.request(method, path, json.dumps(body), headers)
        rsp = conn.getresponse(); rsp.read()
        if rsp.status >= 300: raise SystemExit(f"{method} {path}: {rsp.status}")

jobs = []
def client(cid, clinician, n, offset):
    jobs.append(("PUT", f"/v1/clients/{cid}", {"ageGroup": "adult", "clinicianId": clinician}))
    for s in range(1, n + 1):
        at = start + datetime.timedelta(days=7 * (s - 1) + offset % 5, minutes=offset % 60)
        for instrument in ["PHQ-9", "SRS"] + (["GAD-7", "CORE-10"] if s % 4 == 1 else []):
            jobs.append(("POST", f"/v1/clients/{cid}/administrations", {"instrument": instrument, "administeredAt": at.isoformat().replace("+00:00", "Z"),
                                                                        "items": items[instrument]}))
            at += datetime.timedelta(minutes=3)

for c in range(clients): client(f"bench-{c}", "clin-bench", sessions - c % 4, c)
for c in range(others): client(f"other-{c}", f"clin-{c % 20}", 3, c)
# PUT before POST for each client: split by client, not by job.
by_client = {}
for job in jobs: by_client.setdefault(job[1].split("/")[3], []).append(job)
groups = [[], [], [], []]
for i, cid in enumerate(by_client): groups[i % 4].extend(by_client[cid])
threads = [threading.Thread(target=work, args=(g,)) for g in groups]
for t in threads: t.start()
for t in threads: t.join()
print(f"seeded {len(jobs)} requests")
