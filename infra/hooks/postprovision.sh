#!/bin/sh
# azd postprovision: write local.settings.json for Core Tools (`func start`) from local.settings.sample.json,
# filling local values from the local stack (.local/stack.env, written by scripts/local-stack.sh) and the
# non-secret outputs of this provision. Production secrets are never copied to a developer's disk.
set -eu
repo="$(cd "$(dirname "$0")/../.." && pwd)"
target="$repo/local.settings.json"
sample="$repo/local.settings.sample.json"
stack_env="$repo/.local/stack.env"

if [ -f "$target" ]; then
  echo "local.settings.json exists; leaving it alone (delete it to regenerate)."
  exit 0
fi

# KEY=VALUE from the stack file, empty when the stack has not been started.
stack_value() {
  [ -f "$stack_env" ] || return 0
  grep -m1 "^$1=" "$stack_env" | cut -d= -f2- || true
}

postgres="$(stack_value ConnectionStrings__Postgres)"
redis="$(stack_value ConnectionStrings__Redis)"
statements="$(stack_value ConnectionStrings__StatementStorage)"
signing_key="$(stack_value Auth__SigningKey)"

# JSON string escaping for the few characters connection strings can carry.
json_escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }

umask 077
cp "$sample" "$target"
set_value() { # key, value: replaces the sample's value for "key" when a value is known
  [ -n "$2" ] || return 0
  escaped="$(json_escape "$2" | sed -e 's/[\\&|]/\\&/g')"
  sed -i.bak -e "s|\"$1\": \"[^\"]*\"|\"$1\": \"$escaped\"|" "$target" && rm -f "$target.bak"
}
set_value ConnectionStrings__Postgres "$postgres"
set_value ConnectionStrings__Redis "$redis"
set_value ConnectionStrings__StatementStorage "$statements"
set_value Auth__SigningKey "$signing_key"
set_value APPLICATIONINSIGHTS_CONNECTION_STRING "${APPLICATIONINSIGHTS_CONNECTION_STRING:-}"
echo "Wrote local.settings.json (local stack values: $([ -f "$stack_env" ] && echo yes || echo 'no - run scripts/local-stack.sh up and delete the file to refill'))."
