#!/usr/bin/env bash
# Seeds three clinicians' closed PHQ-9 episodes against the real server on a throw-away database (seeded random intakes
# and changes: one clinician's clients improve more, one clinician has only 6 episodes, so the report hides their
# figures), then renders the outcome report by clinician with headless Chromium: docs/report-phq9.{svg,png}.
set -euo pipefail
port=5097
export RateLimiting__PermitsPerSecond=100000 RateLimiting__Burst=100000   # the seeding posts a few hundred requests at once
source "$(dirname "$0")/demo-server.sh"

python3 - "$base" "$key" <<'PY'
import http.client, json, random, sys, datetime, urllib.parse
base, key = sys.argv[1], sys.argv[2]
u = urllib.parse.urlparse(base)
conn = http.client.HTTPConnection(u.hostname, u.port)
def call(method, path, body=None):
    conn.request(method, path, None if body is None else json.dumps(body), {"X-Api-Key": key, "Content-Type": "application/json"})
    r = conn.getresponse(); data = r.read()
    if r.status >= 300: raise SystemExit(f"{method} {path}: {r.status} {data[:200]}")
    return json.loads(data) if data else None
def items(total):  # nine PHQ-9 items adding up to total, item 9 at 0 unless the total needs it
    out = [0] * 9
    for i in range(9):
        out[i] = min(3, max(0, total - 3 * i)) if i < 8 else max(0, total - 24)
    return out
rng = random.Random(20261124)
start = datetime.datetime(2026, 3, 2, 9, 0, tzinfo=datetime.timezone.utc)
for clinician, n, gain in [("clin-anna", 42, 7), ("clin-ben", 26, 3), ("clin-cara", 6, 5)]:
    for c in range(n):
        client = f"{clinician}-{c}"
        call("PUT", f"/v1/clients/{client}", {"ageGroup": "adult", "clinicianId": clinician})
        intake = max(5, min(27, round(rng.gauss(16, 4))))
        sessions = rng.randint(4, 10)
        final = max(0, min(27, round(intake - rng.gauss(gain, 5))))
        episode = None
        for s in range(sessions):
            total = round(intake + (final - intake) * s / (sessions - 1))
            at = (start + datetime.timedelta(days=7 * s + c % 20)).isoformat().replace("+00:00", "Z")
            episode = call("POST", f"/v1/clients/{client}/administrations",
                           {"instrument": "PHQ-9", "administeredAt": at, "sessionNumber": s + 1, "items": items(total)})["episodeId"]
        call("POST", f"/v1/clients/{client}/episodes/{episode}/close")
print("seeded")
PY
curl -sf "$base/v1/reports/outcomes?instrument=PHQ-9&groupBy=clinician" -H "X-Api-Key: $key" > "$data/report.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))
for g in r["groups"] + [r["total"]]: print(" ", g["key"] or "total", {k: v for k, v in g.items() if k not in ("key", "suppressed")})' "$data/report.json"
curl -sf "$base/v1/reports/outcomes.svg?instrument=PHQ-9&groupBy=clinician" -H "X-Api-Key: $key" > docs/report-phq9.svg
height=$(python3 -c 'import re,sys; print(re.search(r"height=\"(\d+)\"", open("docs/report-phq9.svg").read()).group(1))')
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --user-data-dir="$data/chromium" --window-size=760,"$height" --hide-scrollbars \
  --screenshot=docs/report-phq9.png "file://$PWD/docs/report-phq9.svg" 2>/dev/null
echo "wrote docs/report-phq9.svg and docs/report-phq9.png"
