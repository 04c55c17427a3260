#!/usr/bin/env bash
# Builds and lints infra/ offline with the Bicep CLI from the NuGet feed (package Azure.Bicep.CommandLine.linux-x64,
# restored by infra/tools/bicep-cli.csproj into the normal NuGet cache). Writes the compiled ARM template to
# TestResults/infra/main.json, where the policy tests (Scale.Functions.Tests/Deployment/) read it.
# Fails on any error or warning from `bicep build` or `bicep lint` (warnings are findings: none is tolerated).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/TestResults/infra"
tools="$repo/TestResults/tools"
version="0.49.2"
package="azure.bicep.commandline.linux-x64"

dotnet restore "$repo/infra/tools/bicep-cli.csproj" --verbosity quiet >/dev/null
cache="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')"
source="$cache/$package/$version/tools/bicep"
[ -f "$source" ] || { echo "bicep: $source missing after restore" >&2; exit 1; }
mkdir -p "$tools" "$out"
install -m 0755 "$source" "$tools/bicep"
bicep="$tools/bicep"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 BICEP_TRACING_ENABLED=false

rm -f "$out"/*.json "$out"/*.log
findings=0
# Every diagnostic Bicep prints (Error, Warning, Info) counts: the output must be empty.
run() { # label, log file, command...
  local label="$1" log="$2"; shift 2
  if ! "$@" >"$log" 2>&1 || grep -Eq '(Error|Warning|Info) [A-Za-z0-9-]+:' "$log"; then
    echo "bicep $label: findings" >&2
    cat "$log" >&2
    findings=$((findings + 1))
  fi
}
run "build main.bicep" "$out/build.log" "$bicep" build "$repo/infra/main.bicep" --outfile "$out/main.json"
run "lint main.bicep" "$out/lint.log" "$bicep" lint "$repo/infra/main.bicep"
for module in "$repo"/infra/app/*.bicep; do
  run "lint ${module#"$repo"/}" "$out/lint-$(basename "$module" .bicep).log" "$bicep" lint "$module"
done
if [ "$findings" -ne 0 ]; then
  echo "bicep: $findings step(s) with errors or warnings" >&2
  exit 1
fi
echo "bicep: infra/main.bicep builds and lints clean ($("$bicep" --version | head -n 1)); template in ${out#"$repo"/}/main.json"
