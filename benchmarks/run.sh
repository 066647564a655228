#!/usr/bin/env bash
# The SDK's benchmark suite (issue 11); benchmarks/README.md explains the cases and the numbers.
#   bash benchmarks/run.sh            full run: the numbers benchmarks/README.md quotes
#   bash benchmarks/run.sh --short    the short mode: under 3 minutes on two otherwise idle cores
#   bash benchmarks/run.sh --smoke    every case once, cold (CI): proves the suite runs, measures nothing
# Results go to benchmarks/results/ (summary.md, summary.json, bdn/ with BenchmarkDotNet's reports); a full or
# short run of every phase also writes its table into benchmarks/README.md. Further options go to the program:
#   --only micro,ratios,paging,concurrency,cold-start,profile   run some phases only (the README is then left alone)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

mode=--full
update_readme=yes
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --full|--short|--smoke) mode="$1" ;;
    --only) update_readme=no; args+=("$1" "$2"); shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
[ "$mode" = --smoke ] && update_readme=no

dotnet build benchmarks/PgBeam.Benchmarks -c Release -nologo -v q -clp:ErrorsOnly

readme=()
[ "$update_readme" = yes ] && readme=(--readme benchmarks/README.md)
exec dotnet benchmarks/PgBeam.Benchmarks/bin/Release/net10.0/PgBeam.Benchmarks.dll run "$mode" \
  --results benchmarks/results "${readme[@]}" "${args[@]}"
