#!/usr/bin/env bash
# Builds the documentation site (docfx, the local tool pinned in .config/dotnet-tools.json) into docs/_site:
#   bash build/docs.sh            (add --serve to look at it on http://localhost:8080)
# API reference from the XML docs of PgBeam and PgBeam.Testing (net10.0), the articles in docs/articles and the
# CHANGELOG. Any docfx warning fails the build (a broken link or xref, a cref docfx cannot resolve), and so does a
# public type or member without a summary that docs/undocumented-api.txt does not list.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
rm -rf docs/api/*.yml docs/api/.manifest docs/_site
dotnet docfx metadata docs/docfx.json --warningsAsErrors

# Every public type and member has a summary, except those listed in docs/undocumented-api.txt (a list that only
# shrinks: a listed member that gained a summary must leave the list).
undocumented="$(mktemp)"; baseline="$(mktemp)"
trap 'rm -f "$undocumented" "$baseline"' EXIT
awk -f build/undocumented-api.awk docs/api/*.yml | LC_ALL=C sort -u > "$undocumented"
grep -v '^#' docs/undocumented-api.txt | LC_ALL=C sort -u > "$baseline"
missing="$(LC_ALL=C comm -23 "$undocumented" "$baseline")"
fixed="$(LC_ALL=C comm -13 "$undocumented" "$baseline")"
if [ -n "$missing" ]; then
  echo "docs.sh: public API without a summary (write the XML doc, or the contract description for generated code):" >&2
  echo "$missing" | sed 's/^/  /' >&2
fi
if [ -n "$fixed" ]; then
  echo "docs.sh: documented now, delete from docs/undocumented-api.txt:" >&2
  echo "$fixed" | sed 's/^/  /' >&2
fi
[ -z "$missing" ] && [ -z "$fixed" ] || exit 1
echo "docs.sh: every public member has a summary but the $(wc -l < "$baseline") listed in docs/undocumented-api.txt"

dotnet docfx build docs/docfx.json --warningsAsErrors "$@"
echo "docs.sh: site in docs/_site ($(find docs/_site -name '*.html' | wc -l) pages)"
