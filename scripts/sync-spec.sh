#!/usr/bin/env bash
# Copies the shared product definition into docs/spec/ (the copy the code cites, so it travels with the repository)
# and records where it came from. Run it whenever the shared spec changes, then commit docs/spec/ with the code that
# follows the change. Usage: scripts/sync-spec.sh [source folder, default ../shared/spec]
set -euo pipefail
cd "$(dirname "$0")/.."
source=${1:-../shared/spec}
for file in api.md clinical.md conventions.md interop.md packages.md; do
    cp "$source/$file" "docs/spec/$file"
    chmod 644 "docs/spec/$file"
done
{
    echo "Copied on $(date -u +%Y-%m-%d) by scripts/sync-spec.sh from the shared product definition."
    echo
    for file in api.md clinical.md conventions.md interop.md packages.md; do
        echo "$(sha256sum "docs/spec/$file" | cut -c1-16)  $file  $(head -1 "docs/spec/$file" | sed 's/^# //')"
    done
} > docs/spec/SOURCE
git --no-pager diff --stat -- docs/spec/
