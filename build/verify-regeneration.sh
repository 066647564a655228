#!/usr/bin/env bash
# Proves, on a scratch copy of the repository, that the contract drives the code:
#   1. a contract change without regenerating fails the drift check, naming the fix;
#   2. `dotnet build` regenerates generated/ (a new tag with a token-paged list that carries no pagination marker and a
#      conditional read, a write taking If-Match, an inline enum and new enum values spelled with _ . -, a new
#      property) and user code calling client.Canaries (auto-paging, ifNoneMatch/304, ifMatch) and the new members
#      compiles, with the members named by rule (V2Beta, ReadAfterWrite);
#   3. a second `dotnet build` skips NSwag;
#   4. the public API classification (build/public-api-diff.sh) names exactly those additions, nothing breaking, and
#      the snapshot test passes on them (a contract that only grows keeps the suite green);
#   5. a hand edit in generated/ fails the drift check, and the command it names undoes the edit;
#   6. the whole test suite (build/test.sh) passes on the changed contract with no hand edit: the per-operation tests,
#      the Prism contract tests and the sandbox's route table pick up client.Canaries from the contract.
# Run by .ci/run; takes four or five minutes. Leaves the repository untouched.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
fail() { echo "verify-regeneration: FAILED: $*" >&2; exit 1; }

cd "$root"
git ls-files -z | xargs -0 cp --parents -t "$scratch"
cd "$scratch"
contract=openapi/pgbeam.yaml

# A new tag with two operations, right after `paths:`: a token-paged list with no pagination marker (page_token,
# next_page_token, one array) and a conditional read (If-None-Match, 304), and a conditional write (If-Match, 412).
awk '{ print } /^paths:$/ && !done { done = 1
  print "  /v1/projects/{project_id}/canaries:"
  print "    get:"
  print "      operationId: listCanaries"
  print "      summary: List canaries"
  print "      description: Lists the canary queries of a project."
  print "      tags:"
  print "      - Canaries"
  print "      parameters:"
  print "      - $ref: '"'"'#/components/parameters/ProjectId'"'"'"
  print "      - $ref: '"'"'#/components/parameters/PageSize'"'"'"
  print "      - $ref: '"'"'#/components/parameters/PageToken'"'"'"
  print "      - $ref: '"'"'#/components/parameters/IfNoneMatch'"'"'"
  print "      responses:"
  print "        '"'"'200'"'"':"
  print "          description: One page of canaries."
  print "          content:"
  print "            application/json:"
  print "              schema:"
  print "                $ref: '"'"'#/components/schemas/ListCanariesResponse'"'"'"
  print "        '"'"'304'"'"':"
  print "          $ref: '"'"'#/components/responses/NotModified'"'"'"
  print "  /v1/projects/{project_id}/canaries/{canary_id}:"
  print "    put:"
  print "      operationId: updateCanary"
  print "      summary: Update a canary"
  print "      description: Replaces a canary query."
  print "      tags:"
  print "      - Canaries"
  print "      parameters:"
  print "      - $ref: '"'"'#/components/parameters/ProjectId'"'"'"
  print "      - name: canary_id"
  print "        in: path"
  print "        required: true"
  print "        description: ID of the canary."
  print "        schema:"
  print "          type: string"
  print "      - $ref: '"'"'#/components/parameters/IfMatch'"'"'"
  print "      requestBody:"
  print "        required: true"
  print "        content:"
  print "          application/json:"
  print "            schema:"
  print "              $ref: '"'"'#/components/schemas/Canary'"'"'"
  print "      responses:"
  print "        '"'"'200'"'"':"
  print "          description: The canary as stored."
  print "          content:"
  print "            application/json:"
  print "              schema:"
  print "                $ref: '"'"'#/components/schemas/Canary'"'"'"
  print "        '"'"'412'"'"':"
  print "          $ref: '"'"'#/components/responses/PreconditionFailed'"'"'"
}' "$contract" > "$contract.new" && mv "$contract.new" "$contract"

# The new schemas (an inline enum whose values need splitting on _ . -), a new property on PolicyProfile and its input, and new
# values of PolicyProfileAccessMode with _ . - in them.
awk '
  /^    [A-Za-z]+:$/ { schema = $1 }
  /^  schemas:$/ && !s { s = 1; print
    print "    Canary:"; print "      type: object"; print "      description: A query that should never run."; print "      required:"; print "      - id"
    print "      properties:"; print "        id:"; print "          type: string"; print "        trigger_mode:"; print "          type: string"
    print "          enum:"; print "          - on_first_row"; print "          - v2.beta"; print "          - read-after-write"
    print "    ListCanariesResponse:"; print "      type: object"; print "      required:"; print "      - canaries"; print "      properties:"
    print "        canaries:"; print "          type: array"; print "          items:"; print "            $ref: '"'"'#/components/schemas/Canary'"'"'"
    print "        next_page_token:"; print "          type: string"; print "          nullable: true"
    next }
  { print }
  (schema == "PolicyProfileInput:" || schema == "PolicyProfile:") && /^      properties:$/ && !added[schema]++ {
    print "        honeytoken_alerts:"; print "          type: boolean"; print "          description: Whether decoy hits raise alerts." }
  schema == "PolicyProfileAccessMode:" && /^      - read_write$/ { print "      - append_only"; print "      - v2.beta"; print "      - read-after-write" }
' "$contract" > "$contract.new" && mv "$contract.new" "$contract"
grep -q "operationId: listCanaries" "$contract" && grep -q "honeytoken_alerts:" "$contract" && grep -q -- "- append_only" "$contract" \
  && grep -q "^    ListCanariesResponse:" "$contract" || fail "could not apply the sample contract change"

echo "verify-regeneration: 1. drift check on a contract change that was not regenerated"
if bash build/check-generated.sh > drift.log 2>&1; then fail "the drift check passed although the contract changed"; fi
grep -q "dotnet build" drift.log || fail "the drift check did not say how to fix it"

echo "verify-regeneration: 2. dotnet build regenerates and compiles"
cp generated/PgBeam.g.cs before.g.cs
touch "$contract"
dotnet build src/PgBeam/PgBeam.csproj --nologo -v minimal > build1.log 2>&1 || { cat build1.log; fail "the build failed"; }
[ "$(grep -c "regenerating generated/" build1.log)" -eq 1 ] || fail "NSwag did not run exactly once for the two target frameworks"
cmp -s before.g.cs generated/PgBeam.g.cs && fail "generated/ did not change"
grep -q "public virtual ICanariesClient Canaries" generated/PgBeam.g.cs || fail "no Canaries service on PgBeamClient"

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
        ListCanariesResponse page = await client.Canaries.ListCanariesAsync("prj_1", new ListCanariesParams { PageSize = 10 }).ConfigureAwait(false);
        PgBeamAsyncPageable<Canary> all = client.Canaries.ListCanariesAutoPagingAsync("prj_1");
        PgBeamResponse<ListCanariesResponse> unchanged = await client.Canaries.ListCanariesWithResponseAsync("prj_1", ifNoneMatch: "\"v1\"").ConfigureAwait(false);
        var canary = new Canary { Id = "can_1", TriggerMode = CanaryTriggerMode.OnFirstRow };
        canary.TriggerMode = CanaryTriggerMode.V2Beta;
        canary.TriggerMode = CanaryTriggerMode.ReadAfterWrite;
        Canary written = await client.Canaries.UpdateCanaryAsync("prj_1", "can_1", canary, ifMatch: "\"v1\"").ConfigureAwait(false);
        var input = new PolicyProfileInput { Name = "p", AccessMode = PolicyProfileAccessMode.AppendOnly, HoneytokenAlerts = true };
        input.AccessMode = PolicyProfileAccessMode.V2Beta;
        input.AccessMode = PolicyProfileAccessMode.ReadAfterWrite;
        System.Console.WriteLine(page.ToString() + all + unchanged.IsNotModified + written + input);
    }
}
CS
dotnet build usercode/UserCode.csproj --nologo -v minimal > usercode.log 2>&1 || { cat usercode.log; fail "user code calling client.Canaries (token-paged list, ifNoneMatch, ifMatch, new enum members) does not compile"; }

echo "verify-regeneration: 3. a second build skips NSwag"
dotnet build src/PgBeam/PgBeam.csproj --nologo -v minimal > build2.log 2>&1 || { cat build2.log; fail "the second build failed"; }
grep -q "NSwag skipped" build2.log || fail "the second build did not skip NSwag"

echo "verify-regeneration: 4. the public API classification shows exactly those additions, nothing breaking"
bash build/public-api-diff.sh > api.log 2>&1 || { cat api.log; fail "the public API classification found a breaking change (or did not run)"; }
grep -q "^PgBeam: additions only: safe" api.log || { cat api.log; fail "the classification does not say 'additions only: safe'"; }
for expected in 'public interface ICanariesClient' 'ListCanariesAsync(string projectId' 'ListCanariesAutoPagingAsync(string projectId' \
                'public virtual PgBeam.ICanariesClient Canaries { get; }' 'string? ifMatch = null' 'string? ifNoneMatch = null' \
                'public static PgBeam.CanaryTriggerMode V2Beta { get; }' 'public static PgBeam.CanaryTriggerMode ReadAfterWrite { get; }' \
                'public static PgBeam.PolicyProfileAccessMode AppendOnly { get; }' 'public bool? HoneytokenAlerts { get; set; }'; do
  grep -qF "$expected" api.log || { cat api.log; fail "the classification lacks: $expected"; }
done
unexpected="$(grep '^  added ' api.log | grep -v -e Canar -e AppendOnly -e V2Beta -e ReadAfterWrite -e HoneytokenAlerts || true)"
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

echo "verify-regeneration: 6. the whole suite passes on the changed contract with no hand edit"
if [ -d "$root/build/npm/node_modules" ]; then ln -s "$root/build/npm/node_modules" build/npm/node_modules; fi
bash build/test.sh > suite.log 2>&1 || true
totals="$(tail -n 1 suite.log)"
case "$totals" in
  "tests: "*" passed, 0 failed") echo "verify-regeneration: whole suite on the changed contract: $totals" ;;
  *) grep -E '^\s+Failed |Error Message' -A3 suite.log | head -80; fail "the whole suite is not green on the changed contract ($totals)" ;;
esac
grep -q "listCanaries" artifacts/test-results/*/*.trx || fail "no test result names listCanaries: the per-operation tests did not pick up the new operation"

echo "verify-regeneration: OK (contract change -> regenerated, compiled, skipped when unchanged, snapshot diff exact, drift caught, whole suite green)"
