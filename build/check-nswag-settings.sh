#!/usr/bin/env bash
# nswag.json holds only settings that take effect: for each setting of the C# client generator and of the document
# source, NSwag runs once without it (on the normalized contract) and its output must differ from the output with it.
# A setting whose removal changes nothing (it repeats NSwag's default, or the templates ignore it) fails the check,
# named, with the fix: delete it from nswag.json. Needs node (build/install-tools.sh installs it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
tmp="$(mktemp -d)"
probe="$root/.nswag-settings-probe.json" # beside nswag.json: its relative paths (templateDirectory) resolve from here
trap 'rm -rf "$tmp" "$probe"' EXIT
source build/codegen-tools.sh

dotnet "$normalizer" openapi/pgbeam.yaml "$tmp/pgbeam.contract.json" src/PgBeam/Services >"$tmp/normalizer.log" 2>&1 || {
  cat "$tmp/normalizer.log" >&2; echo "check-nswag-settings: the normalizer failed" >&2; exit 1; }
generate() { # $1 settings file, $2 output
  dotnet "$nswag" run "$1" "/variables:Output=$2,Contract=$tmp/pgbeam.contract.json" >"$tmp/nswag.log" 2>&1 || true
}
generate nswag.json "$tmp/with-all.g.cs"
[ -s "$tmp/with-all.g.cs" ] || { cat "$tmp/nswag.log" >&2; echo "check-nswag-settings: NSwag failed on nswag.json" >&2; exit 1; }

# The settings that shape the output; the variables' plumbing (url, output) is needed to run at all.
settings="$(node -e '
  const d = require(process.argv[1]);
  const paths = [];
  for (const [k] of Object.entries(d.codeGenerators.openApiToCSharpClient)) if (k !== "output") paths.push("codeGenerators.openApiToCSharpClient." + k);
  for (const [k] of Object.entries(d.documentGenerator.fromDocument)) if (k !== "url") paths.push("documentGenerator.fromDocument." + k);
  console.log(paths.join("\n"));' "$root/nswag.json")"

idle=()
for setting in $settings; do
  node -e '
    const [file, out, path] = process.argv.slice(1);
    const d = require(file); const keys = path.split("."); let o = d;
    for (const k of keys.slice(0, -1)) o = o[k];
    delete o[keys[keys.length - 1]];
    require("fs").writeFileSync(out, JSON.stringify(d, null, 2));' "$root/nswag.json" "$probe" "$setting"
  rm -f "$tmp/without.g.cs"
  generate "$probe" "$tmp/without.g.cs"
  if [ -s "$tmp/without.g.cs" ] && cmp -s "$tmp/with-all.g.cs" "$tmp/without.g.cs"; then
    idle+=("$setting")
  fi
done

count="$(echo "$settings" | wc -l)"
if [ "${#idle[@]}" -ne 0 ]; then
  echo "check-nswag-settings: FAILED — these nswag.json settings change nothing in generated/ (NSwag's default, or ignored by build/templates):"
  printf '  %s\n' "${idle[@]}"
  echo "Delete them from nswag.json, so it shows only what shapes the generated code."
  exit 1
fi
echo "check-nswag-settings: each of the $count settings in nswag.json changes generated/ when removed"
