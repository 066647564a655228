#!/usr/bin/env bash
# Proves, on a scratch copy of the repository, that the contract drives the code:
#   1. a contract change without regenerating fails the drift check, naming the fix;
#   2. `dotnet build` regenerates generated/ (a new operation under a new tag, a new property, a new enum value)
#      and user code calling client.Honeytokens.ListHoneytokensAsync(...) and the new members compiles;
#   3. a second `dotnet build` skips NSwag;
#   4. the public API classification (build/public-api-diff.sh) names exactly those additions, nothing breaking, and
#      the snapshot test passes on them (a contract that only grows keeps the suite green);
#   5. a hand edit in generated/ fails the drift check, and the command it names undoes the edit.
# Run by .ci/run; takes a minute or two. Leaves the repository untouched.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() { echo "verify-regeneration: FAILED: $*" >&2; exit 1; }

cd "$root"
git ls-files -z | xargs -0 cp --parents -t "$scratch"
cd "$scratch"
contract=openapi/pgbeam.yaml

# A new operation under a new tag, right after `paths:`.
awk '{ print } /^paths:$/ && !done { done = 1
  print "  /v1/projects/{project_id}/honeytokens:"
  print "    get:"
  print "      operationId: listHoneytokens"
  print "      summary: List honeytokens"
  print "      description: Lists the decoy credentials planted in a project."
  print "      tags:"
  print "      - Honeytokens"
  print "      parameters:"
  print "      - $ref: '"'"'#/components/parameters/ProjectId'"'"'"
  print "      responses:"
  print "        '"'"'200'"'"':"
  print "          description: The honeytokens."
  print "          content:"
  print "            application/json:"
  print "              schema:"
  print "                $ref: '"'"'#/components/schemas/ListPlansResponse'"'"'"
}' "$contract" > "$contract.new" && mv "$contract.new" "$contract"

# A new property on PolicyProfileInput, and a new value of PolicyProfileAccessMode.
awk '
  /^    [A-Za-z]+:$/ { schema = $1 }
  { print }
  schema == "PolicyProfileInput:" && /^      properties:$/ && !p { p = 1
    print "        honeytoken_alerts:"; print "          type: boolean"; print "          description: Whether decoy hits raise alerts." }
  schema == "PolicyProfileAccessMode:" && /^      - read_write$/ { print "      - read_mostly" }
  schema == "PolicyProfileAccessMode:" && /^      - ReadWrite$/ { print "      - ReadMostly" }
' "$contract" > "$contract.new" && mv "$contract.new" "$contract"
grep -q "operationId: listHoneytokens" "$contract" && grep -q "honeytoken_alerts:" "$contract" && grep -q -- "- ReadMostly" "$contract" \
  || fail "could not apply the sample contract change"

echo "verify-regeneration: 1. drift check on a contract change that was not regenerated"
if bash build/check-generated.sh > drift.log 2>&1; then fail "the drift check passed although the contract changed"; fi
grep -q "dotnet build" drift.log || fail "the drift check did not say how to fix it"

echo "verify-regeneration: 2. dotnet build regenerates and compiles"
cp generated/PgBeam.g.cs before.g.cs
touch "$contract"
dotnet build src/PgBeam/PgBeam.csproj --nologo -v minimal > build1.log 2>&1 || { cat build1.log; fail "the build failed"; }
[ "$(grep -c "regenerating generated/" build1.log)" -eq 1 ] || fail "NSwag did not run exactly once for the two target frameworks"
cmp -s before.g.cs generated/PgBeam.g.cs && fail "generated/ did not change"
grep -q "public virtual IHoneytokensClient Honeytokens" generated/PgBeam.g.cs || fail "no Honeytokens service on PgBeamClient"

mkdir -p usercode
cat > usercode/UserCode.csproj <<'XML'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><ProjectReference Include="../src/PgBeam/PgBeam.csproj" /></ItemGroup>
</Project>
XML
cat > usercode/Program.cs <<'CS'
using System.Threading.Tasks;
using PgBeam;

internal static class Program
{
    private static async Task Main()
    {
        using var client = new PgBeamClient(new PgBeamClientOptions { ApiKey = "pgb_example" });
        ListPlansResponse plans = await client.Honeytokens.ListHoneytokensAsync("prj_1").ConfigureAwait(false);
        var input = new PolicyProfileInput { Name = "p", AccessMode = PolicyProfileAccessMode.ReadMostly, HoneytokenAlerts = true };
        System.Console.WriteLine(plans.ToString() + input);
    }
}
CS
dotnet build usercode/UserCode.csproj --nologo -v minimal > usercode.log 2>&1 || { cat usercode.log; fail "user code calling client.Honeytokens.ListHoneytokensAsync does not compile"; }

echo "verify-regeneration: 3. a second build skips NSwag"
dotnet build src/PgBeam/PgBeam.csproj --nologo -v minimal > build2.log 2>&1 || { cat build2.log; fail "the second build failed"; }
grep -q "NSwag skipped" build2.log || fail "the second build did not skip NSwag"

echo "verify-regeneration: 4. the public API classification shows exactly the three additions, nothing breaking"
bash build/public-api-diff.sh > api.log 2>&1 || { cat api.log; fail "the public API classification found a breaking change (or did not run)"; }
grep -q "^PgBeam: additions only: safe" api.log || { cat api.log; fail "the classification does not say 'additions only: safe'"; }
for expected in 'public interface IHoneytokensClient' 'ListHoneytokensAsync(string projectId' \
                'public virtual PgBeam.IHoneytokensClient Honeytokens { get; }' \
                'public static PgBeam.PolicyProfileAccessMode ReadMostly { get; }' 'public bool? HoneytokenAlerts { get; set; }'; do
  grep -qF "$expected" api.log || { cat api.log; fail "the classification lacks: $expected"; }
done
unexpected="$(grep '^  added ' api.log | grep -v -e Honeytoken -e ReadMostly || true)"
[ -z "$unexpected" ] || { cat api.log; fail "the classification has unexpected additions: $unexpected"; }
dotnet test tests/PgBeam.Tests/PgBeam.Tests.csproj -f net10.0 --no-build --nologo --filter "FullyQualifiedName~PublicApiSnapshotTests" > api-test.log 2>&1 \
  || { cat api-test.log; fail "the public API snapshot test failed on additions only"; }

echo "verify-regeneration: 5. a hand edit in generated/ fails the drift check"
bash build/check-generated.sh > /dev/null 2>&1 || fail "the drift check failed right after regenerating"
echo "// a hand edit" >> generated/PgBeam.g.cs
if bash build/check-generated.sh > drift2.log 2>&1; then fail "the drift check passed a hand edit"; fi
grep -q "differs: generated/PgBeam.g.cs" drift2.log || fail "the drift check did not name the file"
dotnet build build/codegen/PgBeam.CodeGen.csproj --nologo -v minimal > build3.log 2>&1 || { cat build3.log; fail "the fix command failed"; }
bash build/check-generated.sh > /dev/null 2>&1 || fail "the command the drift check names did not undo the hand edit"

echo "verify-regeneration: OK (contract change -> regenerated, compiled, skipped when unchanged, snapshot diff exact, drift caught)"
