#!/usr/bin/env bash
# Runs shellcheck on every shell script and yamllint (.yamllint.yml) for the workflows and azure.yaml. Both come from
# Debian packages; installed with apt-get when missing (as root, as CI runs).
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

want=()
command -v shellcheck >/dev/null || want+=(shellcheck)
command -v yamllint >/dev/null || want+=(yamllint)
if [ "${#want[@]}" -gt 0 ]; then
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${want[@]}" >/dev/null
fi

mapfile -t scripts < <(git ls-files --cached --others --exclude-standard -- '*.sh' '.ci/run')
shellcheck "${scripts[@]}"
yamllint -s -c .yamllint.yml .github/workflows azure.yaml
echo "lint: shellcheck (${#scripts[@]} scripts) and yamllint clean"
