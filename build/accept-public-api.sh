#!/usr/bin/env bash
# Accepts the current public API of the PgBeam and PgBeam.Testing packages as the new snapshot
# (tests/PgBeam.Tests/PublicApi/*.PublicApi.txt), after printing how it differs from the committed one
# (build/public-api-diff.sh). Additions are accepted as they are. Anything breaking (removed, renamed,
# optional → required, type changed, changed) is a reviewed decision: it is accepted only with --breaking.
#   bash build/accept-public-api.sh              # additions only
#   bash build/accept-public-api.sh --breaking   # after reviewing the classification it prints
# Review `git diff` of the snapshot before committing it, and say in the commit (and the README's upgrade notes)
# what broke and why.
set -euo pipefail
cd "$(dirname "$0")/.."
breaking=0
case "${1:-}" in
  --breaking) breaking=1 ;;
  "") ;;
  *) echo "usage: build/accept-public-api.sh [--breaking]" >&2; exit 2 ;;
esac

set +e
bash build/public-api-diff.sh
classified=$?
set -e
if [ $classified -eq 0 ]; then
  :
elif [ $classified -ne 1 ]; then
  exit $classified
elif [ $breaking -eq 0 ]; then
  echo
  echo "accept-public-api: NOT accepted: the changes above break existing callers. Review them; if they are intended," >&2
  echo "run build/accept-public-api.sh --breaking and name them in the commit message and the README's upgrade notes." >&2
  exit 1
else
  echo
  echo "accept-public-api: accepting breaking changes (--breaking)"
fi

PGBEAM_ACCEPT_PUBLIC_API=1 dotnet test tests/PgBeam.Tests/PgBeam.Tests.csproj -f net10.0 --no-build --filter "FullyQualifiedName~PublicApiSnapshotTests" --nologo -v quiet > /dev/null
git --no-pager diff --stat -- tests/PgBeam.Tests/PublicApi/
