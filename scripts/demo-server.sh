# Sourced by the chart scripts: starts the service in Development (demo tenant and key) on a throw-away database at
# http://127.0.0.1:$port, installs Chromium if missing, and stops both on exit. Sets base, key and data.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
base="http://127.0.0.1:$port"
key='demo-key-not-for-production'
data=$(mktemp -d)
command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

dotnet build -v q -nologo src/Feedback.Api >/dev/null
ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__Feedback="Data Source=$data/feedback.db" \
  dotnet run --no-build --no-launch-profile --project src/Feedback.Api --urls "$base" >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$data"' EXIT
for _ in $(seq 1 100); do curl -sf -o /dev/null "$base/v1/instruments" -H "X-Api-Key: $key" && break; sleep 0.2; done

# render NAME: docs/NAME.svg -> docs/NAME.png with headless Chromium, the window the size the SVG says it is.
render() {
  local size; size=$(python3 -c 'import re,sys; s=open(sys.argv[1]).read(2000); print(re.search(r"width=\"(\d+)\"",s)[1]+","+re.search(r"height=\"(\d+)\"",s)[1])' "docs/$1.svg")
  chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$data/chromium" --window-size="$size" --hide-scrollbars \
    --screenshot="docs/$1.png" "file://$PWD/docs/$1.svg" 2>/dev/null
  echo "  wrote docs/$1.svg and docs/$1.png"
}
