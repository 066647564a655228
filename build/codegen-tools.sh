#!/usr/bin/env bash
# Sourced by the generation checks (check-generated.sh, check-nswag-settings.sh): compiles the contract normalizer
# with regeneration off (so generated/ is not touched) and sets
#   normalizer  the normalizer's dll (run: dotnet "$normalizer" <contract.yaml> <derived.json> <services dir>)
#   nswag       NSwag's dotnet-nswag.dll from the restored NSwag.MSBuild package
# Needs $tmp (a scratch folder) and the repository root as the working directory.
dotnet build build/codegen/PgBeam.CodeGen.csproj --nologo -v quiet -p:PgBeamRegenerate=false >"$tmp/codegen.log" 2>&1 || {
  cat "$tmp/codegen.log" >&2; echo "$(basename "$0"): the contract normalizer (build/codegen) does not build" >&2; exit 2; }
normalizer="$(dotnet msbuild build/codegen/PgBeam.CodeGen.csproj -nologo -getProperty:TargetPath)"
nswag="$(dotnet msbuild build/codegen/PgBeam.CodeGen.csproj -nologo -getProperty:NSwagDir_Net100)"
nswag="${nswag%/}/dotnet-nswag.dll"
if [ ! -f "$nswag" ]; then
  echo "$(basename "$0"): NSwag not found at $nswag" >&2; exit 2
fi
