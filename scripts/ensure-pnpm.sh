# Sourced by the other scripts: makes pnpm 12.21.0 available (installing it through npm if needed).
# The version is pinned here rather than in package.json's packageManager field, which makes
# pnpm 12 try to resolve platform packages this registry does not publish.
PNPM_VERSION=12.21.0
if ! command -v pnpm >/dev/null 2>&1 || [ "$(pnpm --version 2>/dev/null)" != "$PNPM_VERSION" ]; then
  echo "Installing pnpm $PNPM_VERSION with npm…"
  npm install --global "pnpm@$PNPM_VERSION" >/dev/null
fi
