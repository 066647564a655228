#!/usr/bin/env bash
# Packs PgBeam and PgBeam.Testing into one folder, as a release would:
#   bash build/pack.sh [folder]        (default: artifacts/packages)
# Each package comes as .nupkg (net8.0 + net10.0, XML docs, README, CHANGELOG) and .snupkg (PDBs with embedded
# sources). The build is Release and ContinuousIntegrationBuild, so no file records this machine's paths.
# The version is <Version> of Directory.Build.props. Check the result with build/check-package.sh.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/artifacts/packages}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
rm -f "$out"/PgBeam.*nupkg "$out"/PgBeam.Testing.*nupkg

# PgBeam.Testing builds PgBeam as a reference, so PgBeam's pack after it only packs.
for project in src/PgBeam.Testing/PgBeam.Testing.csproj src/PgBeam/PgBeam.csproj; do
  dotnet pack "$root/$project" -c Release -o "$out" --nologo -v minimal -clp:ErrorsOnly \
    -p:ContinuousIntegrationBuild=true
done
echo "pack.sh: packages in $out"
ls -1 "$out" | grep -E '^PgBeam(\.Testing)?\.[0-9].*\.s?nupkg$'
