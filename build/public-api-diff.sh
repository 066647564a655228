#!/usr/bin/env bash
# Prints how the public API of the build differs from the committed snapshot (tests/PgBeam.Tests/PublicApi/*.txt),
# one classified line per change: added, removed, renamed, optional → required, type changed, changed. The first
# line of each package says it all: "no change", "additions only: safe (N added)" or "BREAKING: …".
#   bash build/public-api-diff.sh [--no-build]
# Exit code 0 when there is nothing breaking, 1 when something is, 2 when the classification could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
report="$(mktemp)"
trap 'rm -f "$report"' EXIT
PGBEAM_API_DIFF_REPORT="$report" dotnet test tests/PgBeam.Tests/PgBeam.Tests.csproj -f net10.0 "$@" --nologo -v quiet \
  --filter "FullyQualifiedName~PublicApiSnapshotTests" > "$report.log" 2>&1
if [ ! -s "$report" ]; then
  cat "$report.log"; rm -f "$report.log"
  echo "public-api-diff: the classification did not run (build or test failure above)" >&2
  exit 2
fi
rm -f "$report.log"
cat "$report"
! grep -q ": BREAKING: " "$report"
