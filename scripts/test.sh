#!/usr/bin/env bash
# The test command: every unit and integration spec, against a real Kafka and PostgreSQL
# (started here when they are not already running). Extra arguments go to Jest.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib/toolchain.sh
source scripts/lib/services.sh
ensure_node24
ensure_dependencies || exit 1
ensure_services || exit 1

mkdir -p .local
results=.local/test-results.json
rm -f "$results"
# --forceExit: a leaked handle in one spec must not hang CI after every result is in.
npx jest --runInBand --forceExit --json --outputFile="$results" "$@"
status=$?
if [ -f "$results" ]; then
  node -e '
    const r = require(process.argv[1]);
    const skipped = r.numPendingTests + r.numTodoTests;
    console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed` + (skipped ? `, ${skipped} skipped` : ""));
  ' "$PWD/$results"
fi
exit $status
