#!/usr/bin/env bash
# Mints an HS256 bearer token for the local host, signed with the local stack's Auth__SigningKey.
#   scripts/dev-token.sh [sub] [ttl-seconds]     e.g.  curl -H "Authorization: Bearer $(scripts/dev-token.sh alice)" ...
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sub="${1:-dev-user}"; ttl="${2:-3600}"
key="$(sed -n 's/^Auth__SigningKey=//p' "${SCALE_STACK_ENV:-$repo/.local/stack.env}")"
[ -n "$key" ] || { echo "no Auth__SigningKey: run scripts/local-stack.sh up first" >&2; exit 1; }
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
now="$(date +%s)"
header="$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)"
payload="$(printf '{"sub":"%s","iat":%d,"nbf":%d,"exp":%d,"name":"%s"}' "$sub" "$now" "$now" "$((now + ttl))" "$sub" | b64url)"
sig="$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -mac HMAC -macopt "key:$key" -binary | b64url)"
printf '%s.%s.%s\n' "$header" "$payload" "$sig"
