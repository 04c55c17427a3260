#!/usr/bin/env bash
# The whole test suite (README command 2; .ci/run calls this). Starts the local stack, then, in one checkout:
#   1. builds the Functions flavor (-p:ScaleHost=Functions) and publishes the deployable package the deploy uses;
#   2. builds the whole solution with -p:ScaleHost=Functions (before the local flavor is restored, as on a fresh
#      clone);
#   3. runs every local-flavor test (the local host, end to end, against the real stack), then the Functions-flavor
#      tests (the Azure/ bindings with the real Worker types, the generated metadata, the published package).
# Ends with one line "N passed, N failed[, N skipped]" summed from the TRX results; exits non-zero on any failure.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

"$repo/scripts/local-stack.sh" up
export SCALE_STACK_ENV="$repo/.local/stack.env"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Results and the published package live in this checkout's own ignored TestResults/ (never in the stack folder,
# which worktrees of one clone may share).
export SCALE_PUBLISH_DIR="$repo/TestResults/publish/functions"

results="$repo/TestResults/scale"
rm -rf "$results" "$SCALE_PUBLISH_DIR"
status=0
set +e
# infra/ compiles and lints with zero findings (the policy tests below read TestResults/infra/main.json), and every
# script and workflow passes shellcheck and yamllint.
bash "$repo/scripts/bicep.sh" || status=1
bash "$repo/scripts/lint.sh" || status=1
# The exact deploy command (.github/workflows/deploy.yml, azure.yaml).
dotnet publish "$repo/Scale.Functions" -c Release -p:ScaleHost=Functions -o "$SCALE_PUBLISH_DIR" || status=1
# The whole solution in the Functions flavor, as `dotnet build -p:ScaleHost=Functions` at the root builds it, before
# anything has restored the local flavor: on a clean clone this is the build a developer's first command runs.
dotnet build "$repo/Scale.slnx" -c Release -p:ScaleHost=Functions || status=1
dotnet test "$repo/Scale.slnx" -c Release --logger "trx;LogFilePrefix=local" --results-directory "$results" "$@" || status=1
dotnet test "$repo/Scale.Functions.Tests" -c Release -p:ScaleHost=Functions --logger "trx;LogFilePrefix=functions" --results-directory "$results" "$@" || status=1
set -e

passed=0; failed=0; skipped=0; found=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  found=$((found + 1))
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)"
  get() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done

# Both flavors must have reported; a build failure in either leaves its results missing.
if [ "$found" -lt 2 ]; then
  echo "expected test results from both flavors, found $found (build failure?)" >&2
  failed=$((failed + 2 - found))
  status=1
fi
if [ "$skipped" -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"; else echo "$passed passed, $failed failed"; fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
