#!/usr/bin/env bash
# The guided demo (npm run demo): the platform on its embedded defaults in a temporary data
# directory, a local webhook receiver, an audience, live changes and their deliveries.
# Settings: see scripts/demo/main.ts. Exits 0 when every expected delivery arrived.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
source scripts/lib/toolchain.sh
ensure_node24 >&2
ensure_dependencies >&2
exec node -r @swc-node/register scripts/demo/main.ts
