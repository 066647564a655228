#!/usr/bin/env bash
# The consumption test: the packages as a user gets them, in a brand-new console project outside this repository.
#   bash build/consume-package.sh [folder]     (packages made by build/pack.sh; without a folder it packs into a temporary one)
# The project references PgBeam and PgBeam.Testing from that folder only (a NuGet.config with that folder and
# nuget.org, PgBeam* mapped to the folder, its own empty package cache), pastes the README quickstart block after
# a sandbox setup, and runs it offline for net10.0 and for net8.0 (rolled forward when only a newer runtime is
# installed). It checks the printed secrets, the User-Agent the sandbox saw and PgBeamClient.ContractVersion.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
work="$(mktemp -d "${TMPDIR:-/tmp}/pgbeam-consume.XXXXXX")"
trap 'rm -rf "$work"' EXIT
case "$work" in "$root"/*) echo "consume-package.sh: the temporary folder must be outside the repository" >&2; exit 2;; esac

if [ $# -ge 1 ]; then
  packages="$(cd "$1" && pwd)"
else
  packages="$work/packages"
  bash "$root/build/pack.sh" "$packages" >/dev/null
fi
version="$(dotnet msbuild "$root/src/PgBeam/PgBeam.csproj" -getProperty:Version -p:PgBeamRegenerate=false)"
for id in PgBeam PgBeam.Testing; do
  [ -f "$packages/$id.$version.nupkg" ] || { echo "consume-package.sh: $packages has no $id.$version.nupkg" >&2; exit 1; }
done

app="$work/app"
mkdir -p "$app"
# Nothing of the repository's build settings may reach the app: stop MSBuild's and NuGet's upward search here.
echo '<Project />' > "$work/Directory.Build.props"
echo '<Project />' > "$work/Directory.Build.targets"
echo '<Project />' > "$work/Directory.Packages.props"
cat > "$app/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <config>
    <add key="globalPackagesFolder" value="$work/nuget-cache" />
  </config>
  <packageSources>
    <clear />
    <add key="local" value="$packages" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local">
      <package pattern="PgBeam" />
      <package pattern="PgBeam.*" />
    </packageSource>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>
  </packageSourceMapping>
</configuration>
XML
cat > "$app/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFrameworks>net10.0;net8.0</TargetFrameworks>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
    <!-- net8.0 runs on the newest installed runtime when .NET 8 itself is not installed. -->
    <RollForward>Major</RollForward>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="PgBeam" Version="$version" />
    <PackageReference Include="PgBeam.Testing" Version="$version" />
  </ItemGroup>
</Project>
XML

# The README quickstart block, as a user would paste it, with the client and project id it assumes.
quickstart="$(awk '/<!-- section: quickstart -->/{q=1} q&&/^```csharp/{f=1;next} f&&/^```/{exit} f{print}' "$root/README.md")"
[ -n "$quickstart" ] || { echo "consume-package.sh: no csharp block in the README's quickstart section" >&2; exit 1; }
{
  echo 'using PgBeam;'
  echo 'using PgBeam.Testing;'
  echo
  echo 'var sandbox = new PgBeamSandbox();'
  echo 'var projectId = sandbox.SeedProject("consumer").Id;'
  echo 'using var client = sandbox.CreateClient();'
  echo
  echo '// ---- README quickstart ----'
  echo "$quickstart"
  echo '// ---- end ----'
  echo
  echo 'Console.WriteLine($"Contract version: {PgBeamClient.ContractVersion}");'
  echo 'Console.WriteLine($"User-Agent: {sandbox.Requests[^1].Header("User-Agent")}");'
  echo 'Console.WriteLine($"Credential valid: {sandbox.IsConnectionStringValid(secrets.ConnectionString)}");'
} > "$app/Program.cs"

cd "$app"
dotnet build -nologo -v minimal -clp:ErrorsOnly
status=0
for tfm in net10.0 net8.0; do
  out="$(dotnet run --no-build -f "$tfm" 2>&1)" || { echo "$out"; echo "consume-package.sh: the app failed on $tfm"; status=1; continue; }
  echo "--- $tfm"
  echo "$out"
  # The sandbox records a User-Agent as .NET parses it (products joined by ", "), hence the optional comma.
  contract="$(sed -n 's/^Contract version: //p' <<<"$out")"
  # Escaped for the regular expression: a contract version such as 0.3.5+59a668d carries '.' and '+'.
  contract_re="$(sed 's/[.+]/\\&/g' <<<"$contract")"
  checks=(
    "^Connection string: postgresql://"
    "^MCP URL:           https://"
    "^MCP token:         pba_"
    "^Contract version: [0-9A-Za-z.+-]+$"
    "^User-Agent: pgbeam-dotnet/${version//./\\.},? \\(contract ${contract_re}; \\.NET [0-9.]+\\)$"
    "^Credential valid: True$"
  )
  for pattern in "${checks[@]}"; do
    grep -Eq "$pattern" <<<"$out" || { echo "consume-package.sh: $tfm output has no line matching $pattern"; status=1; }
  done
done
[ $status -eq 0 ] && echo "consume-package.sh: PgBeam $version and PgBeam.Testing $version from $packages built and ran the README quickstart on net10.0 and net8.0"
exit $status
