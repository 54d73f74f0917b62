#!/usr/bin/env bash
# Validates docker-compose.yml without a Docker engine (Debian's docker-compose resolves it offline).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if ! command -v docker-compose >/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then echo "docker-compose is missing: sudo apt-get install -y docker-compose" >&2; exit 1; fi
  echo "[deploy] installing Debian's docker-compose (validation only)"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi
# The file requires the two keys; example values stand in for the check.
SECRETS_KEYS="${SECRETS_KEYS:-k1:$(head -c 32 /dev/urandom | base64)}" ADMIN_BOOTSTRAP_KEY="${ADMIN_BOOTSTRAP_KEY:-$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')}" \
  docker-compose -f docker-compose.yml config -q
echo "[deploy] docker-compose.yml is valid"
