#!/usr/bin/env bash
# Copies the screenshots the browser tests took (test/.artifacts) into docs/screenshots for the
# README. Run `npm test` first; commit the result when the screens changed.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p docs/screenshots
for name in catalogue-en search-ur echallan-found-ur catalogue-ar application-receipt-en my-applications-en \
  kiosk-idle-warning-en offline-en kiosk-print-failed-en queue-ticket-ur on-screen-keyboard-ur hall-display-en \
  hall-display-ur; do
  cp "test/.artifacts/${name}.png" "docs/screenshots/${name}.png"
done
echo "Copied $(ls docs/screenshots | wc -l) screenshots into docs/screenshots."
