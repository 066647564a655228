#!/usr/bin/env bash
# Accepts the current public API of the PgBeam and PgBeam.Testing packages as the new snapshot
# (tests/PgBeam.Tests/PublicApi/*.PublicApi.txt). Review `git diff` of that file before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
PGBEAM_ACCEPT_PUBLIC_API=1 dotnet test tests/PgBeam.Tests/PgBeam.Tests.csproj -f net10.0 --filter "FullyQualifiedName~PublicApiSnapshotTests" --nologo -v quiet
git --no-pager diff --stat -- tests/PgBeam.Tests/PublicApi/
