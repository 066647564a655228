#!/usr/bin/env bash
# Proves, on a scratch copy of the repository, that the contract drives the code:
#   1. a contract change without regenerating fails the drift check, naming the fix;
#   2. `dotnet build` regenerates generated/ (a new tag with a token-paged list and no pagination marker, If-None-Match
#      with a 304 and If-Match with a 412, an inline enum shared by a resource and its input whose values contain _ .
#      and -, a new property, a new enum value) and user code using all of it compiles with idiomatic names;
#   3. a second `dotnet build` skips NSwag;
#   4. the public API snapshot test fails showing exactly those additions and nothing else;
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

# A new tag as a maintainer would add it from upstream: a token-paged list with no x-pgbeam-pagination marker, an
# If-None-Match header and a 304; an update with If-Match and a 412; an inline enum shared by the resource and its
# input, whose values have _ . and - in them and no x-enumNames.
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
  print "      - name: page_token"
  print "        in: query"
  print "        schema:"
  print "          type: string"
  print "      - name: If-None-Match"
  print "        in: header"
  print "        description: The entity tag already held."
  print "        schema:"
  print "          type: string"
  print "      responses:"
  print "        '"'"'200'"'"':"
  print "          description: The honeytokens."
  print "          content:"
  print "            application/json:"
  print "              schema:"
  print "                $ref: '"'"'#/components/schemas/ListHoneytokensResponse'"'"'"
  print "        '"'"'304'"'"':"
  print "          description: Unchanged since the entity tag sent."
  print "  /v1/projects/{project_id}/honeytokens/{honeytoken_id}:"
  print "    put:"
  print "      operationId: updateHoneytoken"
  print "      summary: Update a honeytoken"
  print "      tags:"
  print "      - Honeytokens"
  print "      parameters:"
  print "      - $ref: '"'"'#/components/parameters/ProjectId'"'"'"
  print "      - name: honeytoken_id"
  print "        in: path"
  print "        required: true"
  print "        schema:"
  print "          type: string"
  print "      - name: If-Match"
  print "        in: header"
  print "        description: The entity tag the write is based on."
  print "        schema:"
  print "          type: string"
  print "      requestBody:"
  print "        required: true"
  print "        content:"
  print "          application/json:"
  print "            schema:"
  print "              $ref: '"'"'#/components/schemas/HoneytokenInput'"'"'"
  print "      responses:"
  print "        '"'"'200'"'"':"
  print "          description: The updated honeytoken."
  print "          content:"
  print "            application/json:"
  print "              schema:"
  print "                $ref: '"'"'#/components/schemas/Honeytoken'"'"'"
  print "        '"'"'412'"'"':"
  print "          description: The resource changed since the entity tag sent."
}
/^  schemas:$/ && !schemas { schemas = 1
  print "    Honeytoken:"
  print "      type: object"
  print "      required: [id, action]"
  print "      properties:"
  print "        id:"
  print "          type: string"
  print "        action:"
  print "          type: string"
  print "          enum: [audit_only, kill.now, v2-beta]"
  print "    HoneytokenInput:"
  print "      type: object"
  print "      required: [action]"
  print "      properties:"
  print "        action:"
  print "          type: string"
  print "          enum: [audit_only, kill.now, v2-beta]"
  print "    ListHoneytokensResponse:"
  print "      type: object"
  print "      required: [honeytokens]"
  print "      properties:"
  print "        honeytokens:"
  print "          type: array"
  print "          items:"
  print "            $ref: '"'"'#/components/schemas/Honeytoken'"'"'"
  print "        next_page_token:"
  print "          type: string"
  print "          nullable: true"
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
grep -q "operationId: listHoneytokens" "$contract" && grep -q "operationId: updateHoneytoken" "$contract" && grep -q "    HoneytokenInput:" "$contract" \
  && grep -q "honeytoken_alerts:" "$contract" && grep -q -- "- ReadMostly" "$contract" \
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
        ListHoneytokensResponse page = await client.Honeytokens.ListHoneytokensAsync("prj_1").ConfigureAwait(false);
        var read = await client.Honeytokens.ListHoneytokensWithResponseAsync("prj_1", ifNoneMatch: "\"v1\"").ConfigureAwait(false);
        await foreach (Honeytoken token in client.Honeytokens.ListHoneytokensAutoPagingAsync("prj_1").ConfigureAwait(false))
        {
            // A value read is written back: the resource and its input share HoneytokenAction.
            var change = new HoneytokenInput { Action = token.Action == HoneytokenAction.KillNow ? HoneytokenAction.AuditOnly : HoneytokenAction.V2Beta };
            await client.Honeytokens.UpdateHoneytokenAsync("prj_1", token.Id, change, ifMatch: read.ETag).ConfigureAwait(false);
        }

        var input = new PolicyProfileInput { Name = "p", AccessMode = PolicyProfileAccessMode.ReadMostly, HoneytokenAlerts = true };
        System.Console.WriteLine(page.ToString() + input + read.IsNotModified);
    }
}
CS
dotnet build usercode/UserCode.csproj --nologo -v minimal > usercode.log 2>&1 || { cat usercode.log; fail "user code calling client.Honeytokens.ListHoneytokensAsync does not compile"; }

echo "verify-regeneration: 3. a second build skips NSwag"
dotnet build src/PgBeam/PgBeam.csproj --nologo -v minimal > build2.log 2>&1 || { cat build2.log; fail "the second build failed"; }
grep -q "NSwag skipped" build2.log || fail "the second build did not skip NSwag"

echo "verify-regeneration: 4. the public API snapshot shows exactly the three additions"
if dotnet test tests/PgBeam.Tests/PgBeam.Tests.csproj --nologo --filter "FullyQualifiedName~PublicApiSnapshotTests" > api.log 2>&1; then
  fail "the public API snapshot test passed although the API changed"
fi
sed -n '/^Diff (- snapshot, + now):/,/Stack Trace/p' api.log > api-diff.txt
grep -q '^- ' api-diff.txt && { cat api-diff.txt; fail "the snapshot diff removes something"; }
for expected in 'public interface IHoneytokensClient' 'ListHoneytokensAsync(string projectId' \
                'ListHoneytokensAutoPagingAsync(string projectId' 'string? ifNoneMatch = null' 'string? ifMatch = null' \
                'public static PgBeam.HoneytokenAction KillNow { get; }' 'public static PgBeam.HoneytokenAction V2Beta { get; }' \
                'public required PgBeam.HoneytokenAction? Action { get; set; }' \
                'public virtual PgBeam.IHoneytokensClient Honeytokens { get; }' \
                'public static PgBeam.PolicyProfileAccessMode ReadMostly { get; }' 'public bool? HoneytokenAlerts { get; set; }'; do
  grep -qF "$expected" api-diff.txt || { cat api-diff.txt; fail "the snapshot diff lacks: $expected"; }
done
# Every added line names the bump or belongs to a type the bump added (a new type's members name nothing of it).
unexpected="$(grep '^+ ' api-diff.txt | awk '
  / (class|struct|interface|enum) / { inNew = ($0 ~ /Honeytoken/) }
  /Honeytoken|ReadMostly|honeytoken_alerts/ || /^\+ *[{}]$/ || inNew { next }
  { print }' || true)"
[ -z "$unexpected" ] || { cat api-diff.txt; fail "the snapshot diff has unexpected lines: $unexpected"; }

echo "verify-regeneration: 5. a hand edit in generated/ fails the drift check"
bash build/check-generated.sh > /dev/null 2>&1 || fail "the drift check failed right after regenerating"
echo "// a hand edit" >> generated/PgBeam.g.cs
if bash build/check-generated.sh > drift2.log 2>&1; then fail "the drift check passed a hand edit"; fi
grep -q "differs: generated/PgBeam.g.cs" drift2.log || fail "the drift check did not name the file"
dotnet build build/codegen/PgBeam.CodeGen.csproj --nologo -v minimal > build3.log 2>&1 || { cat build3.log; fail "the fix command failed"; }
bash build/check-generated.sh > /dev/null 2>&1 || fail "the command the drift check names did not undo the hand edit"

echo "verify-regeneration: OK (contract change -> regenerated, compiled, skipped when unchanged, snapshot diff exact, drift caught)"
