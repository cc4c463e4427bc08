import { existsSync, mkdirSync } from 'node:fs'
import path from 'node:path'
import { chromium, type Browser } from 'playwright-core'
import { build } from 'vite'
import { scratchFolder } from './databases.ts'
import { testEnv } from './env.ts'

export const artifactsDir = path.resolve(import.meta.dirname, '../.artifacts')

/** Debian's chromium, headless, with no background traffic (these machines have no network). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(testEnv.chromiumPath)) {
    throw new Error(
      `No chromium at ${testEnv.chromiumPath}. Install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`,
    )
  }
  return chromium.launch({
    executablePath: testEnv.chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Builds the kiosk web view exactly as the demo serves it, into a fresh folder. */
export async function buildWebView(): Promise<string> {
  const outDir = scratchFolder()
  await build({
    configFile: path.resolve(import.meta.dirname, '../../apps/kiosk/vite.config.ts'),
    mode: 'production',
    // vitest sets NODE_ENV=test, which would otherwise give the page React's development build.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
  return outDir
}

export function screenshotPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true })
  return path.join(artifactsDir, `${name}.png`)
}
