#!/usr/bin/env bash
# Runs every check and test: lint, types, the derived PostgreSQL schema, and the whole vitest suite
# (unit, integration over real HTTP on SQLite and PostgreSQL, and the browser tests in chromium).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm --filter @darwaza/db db:check
pnpm lint
pnpm typecheck

mkdir -p test/.artifacts
status=0
pnpm exec vitest run --reporter=default --reporter=json --outputFile.json=test/.artifacts/results.json || status=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test/.artifacts/results.json", "utf8"))
  console.log(`${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`)
' || true
# No token, code, credential or password the tests were handed may appear in any server's log.
node -e '
  const scan = JSON.parse(require("fs").readFileSync("test/.artifacts/log-scan.json", "utf8"))
  console.log(`Logs: ${scan.logs} server logs scanned for ${scan.secrets} secrets, ${scan.leaks.length} found`)
  if (scan.leaks.length > 0) { console.error(JSON.stringify(scan.leaks, null, 2)); process.exit(1) }
' || status=1
exit "$status"
