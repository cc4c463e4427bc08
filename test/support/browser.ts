import { existsSync, mkdirSync } from 'node:fs'
import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser } from 'playwright-core'
import { scratchFolder } from './databases.ts'
import { testEnv } from './env.ts'

const run = promisify(execFile)

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

/** Builds the kiosk web view exactly as the demo does (a production build), into a fresh folder. */
export async function buildWebView(): Promise<string> {
  const outDir = scratchFolder()
  const vite = path.join(path.dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin/vite.js')
  await run(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: path.resolve(import.meta.dirname, '../../apps/kiosk'),
    env: testEnv.productionChildEnv,
  })
  return outDir
}

export function screenshotPath(name: string): string {
  mkdirSync(artifactsDir, { recursive: true })
  return path.join(artifactsDir, `${name}.png`)
}
