#!/usr/bin/env bash
# Load test: builds the local host and the driver (Release), starts the local stack, then runs the mix against
# the host over loopback. Extra arguments go to the driver (--concurrency, --duration, --ramp, --step, --users).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
"$repo/scripts/local-stack.sh" up >/dev/null
export SCALE_STACK_ENV="$repo/.local/stack.env"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build "$repo/Scale.Functions" -c Release --verbosity quiet >/dev/null
dotnet build "$repo/bench/Load" -c Release --verbosity quiet >/dev/null
exec dotnet "$repo/bench/Load/bin/Release/net10.0/Scale.Bench.Load.dll" \
  "$repo/Scale.Functions/bin/Release/net10.0/Scale.Functions.dll" "$@"
