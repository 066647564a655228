#!/usr/bin/env bash
# Drift check: regenerates the client from openapi/pgbeam.yaml, nswag.json and build/templates into a temporary
# folder and compares it, by content, with the committed generated/. Runs the contract normalizer and NSwag
# directly (the normalizer is compiled with regeneration off), so no build can regenerate its way past it.
# Exit 1 on any difference, naming the files and the command that fixes them.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Compiles the normalizer only (regeneration off: generated/ is not touched) and finds NSwag in the restored package.
source build/codegen-tools.sh

mkdir -p "$tmp/generated"
dotnet "$normalizer" openapi/pgbeam.yaml "$tmp/pgbeam.contract.json" src/PgBeam/Services || {
  echo "check-generated: the contract has constructs the generator cannot express (see above)" >&2; exit 1; }
dotnet "$nswag" run nswag.json "/variables:Output=$tmp/generated/PgBeam.g.cs,Contract=$tmp/pgbeam.contract.json" >"$tmp/nswag.log" 2>&1 || {
  cat "$tmp/nswag.log" >&2; echo "check-generated: NSwag failed on the contract (see above)" >&2; exit 1; }

drift=0
for f in "$tmp"/generated/*; do
  name="generated/$(basename "$f")"
  if [ ! -f "$name" ]; then echo "  missing: $name"; drift=1
  elif ! cmp -s "$f" "$name"; then
    diff "$name" "$f" >"$tmp/diff.txt" || true
    echo "  differs: $name ($(grep -c '^[<>]' "$tmp/diff.txt") changed lines; the diff starts with:)"
    sed -n '1,20s/^/      /p' "$tmp/diff.txt"
    drift=1
  fi
done
for f in generated/*; do
  [ -f "$tmp/generated/$(basename "$f")" ] || { echo "  not produced by NSwag (delete it): $f"; drift=1; }
done

if [ "$drift" -ne 0 ]; then
  cat <<MSG
check-generated: FAILED — generated/ does not match what openapi/pgbeam.yaml, nswag.json and build/templates produce.
Generated code is never edited by hand. To fix, regenerate and commit the result together with its inputs:
    dotnet build build/codegen/PgBeam.CodeGen.csproj    (or any dotnet build of the solution)
    git add generated/ && git commit
MSG
  exit 1
fi
echo "check-generated: generated/ matches the contract"
