#!/usr/bin/env bash
# Installs everything and starts the demo: the Traffic Police department, the gateway on SQLite
# with the seeded catalogue, and the web view. Stop it with Ctrl+C.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/ensure-pnpm.sh

pnpm install --frozen-lockfile
pnpm --filter @darwaza/kiosk build:web
exec pnpm exec tsx scripts/demo.ts
