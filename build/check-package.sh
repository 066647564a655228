#!/usr/bin/env bash
# Lists the contents of the packages in a folder and checks them:
#   bash build/check-package.sh [folder]     (default: artifacts/packages, where build/pack.sh puts them)
# For PgBeam and PgBeam.Testing at the version of Directory.Build.props: exactly the expected files (lib for net8.0
# and net10.0 with XML docs, README.md, CHANGELOG.md; PDBs only in the .snupkg), the nuspec metadata (license
# expression, readme, project URL, tags, release notes, repository), dependencies (only what runs; PgBeam.Testing on
# exactly this PgBeam), deterministic DLLs whose PDB paths and sources are mapped to /_/, every source embedded in
# the PDBs, Source Link only with a repository URL, XML docs for every public type, and no file that contains this
# checkout's path. The checks are build/PackageCheck.cs; the last line says how many passed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
folder="$(cd "${1:-$root/artifacts/packages}" && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
version="$(dotnet msbuild "$root/src/PgBeam/PgBeam.csproj" -getProperty:Version -p:PgBeamRegenerate=false)"
dotnet run "$root/build/PackageCheck.cs" -- "$folder" "$version" "$root"
