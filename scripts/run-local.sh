#!/usr/bin/env bash
# README command 1: starts the local stack (Postgres, Redis, Azurite) and serves the API with the local host on
# http://127.0.0.1:7071 (override with SCALE_URLS). Migrations are applied at start-up.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$repo/scripts/local-stack.sh" up
export SCALE_STACK_ENV="$repo/.local/stack.env"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project "$repo/Scale.Functions" -c Release -- "$@"
