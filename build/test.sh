#!/usr/bin/env bash
# The one command that sets up a fresh machine for the tests and runs all of them:
#   bash build/test.sh
# It installs the Node tools the tests use (Prism, Redocly) into build/npm/node_modules, builds the solution
# (which regenerates generated/ if the contract changed) and runs every test project. The last line it prints is
#   tests: N passed, M failed
# Extra arguments go to `dotnet test` (for example --filter "FullyQualifiedName~Webhooks").
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

if ! command -v dotnet >/dev/null 2>&1; then
  echo "test.sh: the .NET SDK (dotnet) is required: https://dot.net" >&2; exit 2
fi
bash build/install-tools.sh || { echo "test.sh: installing the Node tools failed" >&2; exit 2; }

results="$root/artifacts/test-results"
rm -rf "$results"; mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build PgBeam.sln --nologo -v minimal -clp:ErrorsOnly
build_rc=$?
if [ $build_rc -ne 0 ]; then
  echo "test.sh: the build failed"
  echo "tests: 0 passed, 1 failed"
  exit 1
fi

# One run per test project, each with its own results folder, so no two result files can collide; a project with
# several target frameworks (PgBeam.Tests: net10.0 and net8.0) writes one file per framework (LogFilePrefix).
test_rc=0
for project in tests/*/*.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" --no-build --nologo -v minimal --logger "trx;LogFilePrefix=$name" \
    --results-directory "$results/$name" "$@" || test_rc=1
done

passed=0; failed=0
for trx in "$results"/*/*.trx; do
  [ -f "$trx" ] || continue
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  e="$(sed -n 's/.* error="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0} + ${e:-0}))
done
if [ $test_rc -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
if [ $passed -eq 0 ] && [ $failed -eq 0 ]; then echo "test.sh: no test ran" >&2; failed=1; fi
echo "tests: $passed passed, $failed failed"
[ $failed -eq 0 ]
