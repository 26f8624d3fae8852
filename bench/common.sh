# Sourced by the bench scripts: a scratch folder removed on exit (with the service started in it, and the worktree of a
# git ref given as $1), wrk and curl installed if missing, and a Release build of the working tree or of that ref in
# $work/api. Sets work, tree, pid (assign the service's) and the environment of a production-like run on SQLite.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
work=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null || true; git worktree remove --force "$work/src" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }

tree=.
if [ $# -gt 0 ]; then git worktree add -q --detach "$work/src" "$1"; tree="$work/src"; fi
echo "building Release of ${1:-the working tree}..."
dotnet publish -v q -nologo -c Release -o "$work/api" "$tree/src/Feedback.Api" >/dev/null

export ASPNETCORE_ENVIRONMENT=Production Webhooks__SecretEncryptionKey="$(head -c 32 /dev/urandom | base64)" RateLimiting__PermitsPerSecond=1000000 RateLimiting__Burst=1000000
export ConnectionStrings__Feedback="Data Source=$work/feedback.db"
