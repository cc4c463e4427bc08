// (e) The kiosk web view: what it ships (gzip) and how long until the first screen — the catalogue —
// can be used in Debian's chromium, against an empty static page served the same way.
//
// The web view is built exactly as the demo builds it (a production vite build of apps/kiosk) and
// served by a real gateway (WEB_ROOT) on a seeded SQLite catalogue. Each visit is a new browser
// context (nothing cached); the time runs from the navigation's start until the e-challan card's
// button is actionable (visible, stable, enabled, receiving clicks: Playwright's trial click), which
// needs the app's code, its styles and the catalogue from the gateway.
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { promisify } from 'node:util'
import { gzipSync } from 'node:zlib'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { chromium, type Browser, type Page } from 'playwright-core'
import { benchEnv } from './env.ts'
import { startChild } from './support/children.ts'
import { percentile } from './support/load.ts'
import { kib, metText, ms, progress, ratio, table, type Section } from './support/report.ts'
import { folder, freshDatabase, gatewayEnv } from './support/setup.ts'

const kioskDir = path.resolve(import.meta.dirname, '../apps/kiosk')
const goals = { firstScreenGzipKiB: 200, lanP50Ms: 1000, slowP50Ms: 5000 }
/** Chrome DevTools' "Slow 4G" network preset with Lighthouse's 4× CPU slowdown: a mid-range phone at home. */
const slowPhone = { latencyMs: 562.5, downloadBytesPerSecond: 180_000, uploadBytesPerSecond: 84_375, cpuSlowdown: 4 }
const visits = { lan: 10, slow: 3 }

type Kind = 'js' | 'css' | 'font' | 'html' | 'other'
const kindOf = (file: string): Kind => {
  const extension = path.extname(file).toLowerCase()
  if (extension === '.js' || extension === '.mjs') return 'js'
  if (extension === '.css') return 'css'
  if (['.woff2', '.woff', '.ttf', '.otf'].includes(extension)) return 'font'
  if (extension === '.html') return 'html'
  return 'other'
}

interface Shipped {
  file: string
  kind: Kind
  raw: number
  gzip: number
}

/** Builds the web view as the demo does: `vite build` in apps/kiosk, in production mode. */
async function buildWebView(outDir: string): Promise<void> {
  const vite = path.join(
    path.dirname(createRequire(path.join(kioskDir, 'package.json')).resolve('vite/package.json')),
    'bin/vite.js',
  )
  await promisify(execFile)(
    process.execPath,
    [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    {
      cwd: kioskDir,
      env: { ...benchEnv.childEnv, NODE_ENV: 'production' },
    },
  )
}

function filesIn(root: string, dir = root): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name)
    return statSync(full).isDirectory() ? filesIn(root, full) : [path.relative(root, full)]
  })
}

/** The build's files, not the .br and .gz copies the gateway sends in their place. */
function measureFiles(root: string): Shipped[] {
  return filesIn(root)
    .filter((file) => !/\.(br|gz)$/.test(file))
    .map((file) => {
      const bytes = readFileSync(path.join(root, file))
      return { file, kind: kindOf(file), raw: bytes.length, gzip: gzipSync(bytes).length }
    })
}

interface Visit {
  ms: number
  /** Files the page fetched, by path, with the bytes the gateway sent for each. */
  fetched: { path: string; wire: number }[]
}

async function visit(
  browser: Browser,
  url: string,
  ready: (page: Page) => Promise<void>,
  slow: boolean,
): Promise<Visit> {
  const context = await browser.newContext({ viewport: { width: 1080, height: 1400 }, locale: 'en-US' })
  const page = await context.newPage()
  const fetched: Visit['fetched'] = []
  page.on('requestfinished', (request) => {
    void request.sizes().then((sizes) => {
      fetched.push({ path: new URL(request.url()).pathname, wire: sizes.responseBodySize + sizes.responseHeadersSize })
    })
  })
  if (slow) {
    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: slowPhone.latencyMs,
      downloadThroughput: slowPhone.downloadBytesPerSecond,
      uploadThroughput: slowPhone.uploadBytesPerSecond,
    })
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowPhone.cpuSlowdown })
  }
  const started = performance.now()
  await page.goto(url, { waitUntil: 'commit' })
  await ready(page)
  const elapsed = performance.now() - started
  await page.waitForLoadState('networkidle')
  await context.close()
  return { ms: elapsed, fetched }
}

export async function benchWebView(): Promise<Section> {
  const work = folder('web-view')
  const webRoot = path.join(work, 'dist')
  progress('web view: building apps/kiosk as the demo does (vite build, production)')
  await buildWebView(webRoot)
  const files = measureFiles(webRoot)
  // The baseline: an empty page with one button, served by the same gateway from the same folder.
  writeFileSync(
    path.join(webRoot, 'empty.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head><body><button type="button">Start</button></body></html>',
  )
  const { url: databaseUrl, db } = await freshDatabase('sqlite')
  await seedDemoCatalogue(db, {})
  await db.$disconnect()
  const gateway = await startChild(
    'gateway',
    { env: gatewayEnv(databaseUrl, { DELIVERY_WORKER: 'off', WEB_ROOT: webRoot }) },
    path.join(work, 'gateway.log'),
  )
  const browser = await chromium.launch({
    executablePath: benchEnv.chromiumPath,
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
  const catalogueReady = (page: Page) =>
    page.getByRole('button', { name: 'Check now: Verify an e-challan' }).click({ trial: true, timeout: 60_000 })
  const emptyReady = (page: Page) => page.getByRole('button', { name: 'Start' }).click({ trial: true, timeout: 60_000 })
  try {
    // One visit each to warm the gateway (static files, catalogue query) and the browser.
    await visit(browser, `${gateway.url}/`, catalogueReady, false)
    await visit(browser, `${gateway.url}/empty.html`, emptyReady, false)
    const runs: Record<'lan' | 'slow', { app: Visit[]; empty: Visit[] }> = {
      lan: { app: [], empty: [] },
      slow: { app: [], empty: [] },
    }
    for (const scenario of ['lan', 'slow'] as const) {
      progress(
        `web view: ${visits[scenario]} cold visits each (${scenario === 'lan' ? 'loopback' : 'Slow 4G, 4× CPU slowdown'})`,
      )
      for (let index = 0; index < visits[scenario]; index++) {
        runs[scenario].empty.push(await visit(browser, `${gateway.url}/empty.html`, emptyReady, scenario === 'slow'))
        runs[scenario].app.push(await visit(browser, `${gateway.url}/`, catalogueReady, scenario === 'slow'))
      }
    }
    return report(files, runs, browser.version())
  } finally {
    await browser.close()
    await gateway.stop()
  }
}

function report(
  files: Shipped[],
  runs: Record<'lan' | 'slow', { app: Visit[]; empty: Visit[] }>,
  chromiumVersion: string,
): Section {
  const byKind = (list: Shipped[], kind: Kind) => list.filter((file) => file.kind === kind)
  const sum = (list: Shipped[], key: 'raw' | 'gzip') => list.reduce((total, file) => total + file[key], 0)
  // What the first screen fetched (the first LAN visit), matched to the built files.
  const firstVisit = runs.lan.app[0]!
  const fetchedPaths = new Set(firstVisit.fetched.map((entry) => entry.path.replace(/^\//, '') || 'index.html'))
  const firstScreen = files.filter((file) => fetchedPaths.has(file.file))
  const wireStatic = firstVisit.fetched
    .filter((entry) => !entry.path.startsWith('/trpc/'))
    .reduce((total, entry) => total + entry.wire, 0)
  const firstScreenCode = [...byKind(firstScreen, 'js'), ...byKind(firstScreen, 'css'), ...byKind(firstScreen, 'html')]
  const kinds: [string, Kind][] = [
    ['JavaScript', 'js'],
    ['CSS', 'css'],
    ['HTML', 'html'],
    ['fonts', 'font'],
    ['other (images, icons)', 'other'],
  ]
  const sizeRows = kinds
    .filter(([, kind]) => byKind(files, kind).length > 0)
    .map(([name, kind]) => {
      const all = byKind(files, kind)
      const first = byKind(firstScreen, kind)
      return [
        name,
        `${all.length}`,
        kib(sum(all, 'raw')),
        `**${kib(sum(all, 'gzip'))}**`,
        `${first.length}: ${kib(sum(first, 'raw'))} (gzip ${kib(sum(first, 'gzip'))})`,
      ]
    })
  const withoutFonts = files.filter((file) => file.kind !== 'font')
  sizeRows.push([
    '**all but fonts**',
    `${withoutFonts.length}`,
    kib(sum(withoutFonts, 'raw')),
    `**${kib(sum(withoutFonts, 'gzip'))}**`,
    `${firstScreenCode.length}: ${kib(sum(firstScreenCode, 'raw'))} (gzip **${kib(sum(firstScreenCode, 'gzip'))}**)`,
  ])
  const fontRows = byKind(files, 'font').map((font) => [
    `\`${font.file}\``,
    kib(font.raw),
    kib(font.gzip),
    fetchedPaths.has(font.file) ? 'yes' : 'no',
  ])
  const times = (list: Visit[]) => list.map((entry) => entry.ms)
  const timeRows = (['lan', 'slow'] as const).map((scenario) => {
    const app = times(runs[scenario].app)
    const empty = times(runs[scenario].empty)
    const name =
      scenario === 'lan' ? 'loopback (a kiosk on the centre’s network)' : 'Slow 4G + 4× CPU slowdown (a phone at home)'
    return [
      name,
      `${app.length}`,
      ms(percentile(empty, 50)),
      `**${ms(percentile(app, 50))}**`,
      ms(Math.max(...app)),
      `+${ms(percentile(app, 50) - percentile(empty, 50))} (${ratio(percentile(app, 50) / percentile(empty, 50))})`,
    ]
  })
  const firstScreenGzip = sum(firstScreenCode, 'gzip')
  const woff2 = byKind(files, 'font').filter((font) => font.file.endsWith('.woff2'))
  const transferSeconds = (bytes: number) => (bytes / slowPhone.downloadBytesPerSecond).toFixed(1)
  const lanP50 = percentile(times(runs.lan.app), 50)
  const slowP50 = percentile(times(runs.slow.app), 50)
  const sizeMet = firstScreenGzip / 1024 <= goals.firstScreenGzipKiB
  const lanMet = lanP50 < goals.lanP50Ms
  const slowMet = slowP50 < goals.slowP50Ms
  const body = `Method: \`vite build\` of apps/kiosk in production mode (as the demo and the browser tests build it); every built file
is measured raw and gzip-compressed (Node's zlib, level 6, as a reverse proxy would send it). The gateway serves the
build (\`WEB_ROOT\`) on a seeded demo catalogue. Each visit opens a new chromium context (cold cache) and times from the
start of navigation to the catalogue's "Verify an e-challan" card being clickable (Playwright's trial click: visible,
stable, enabled, receiving events), which needs the HTML, the script, the styles and \`catalogue.list\` from the gateway.
Baseline: the same visit to an empty page with one button (\`/empty.html\`, same gateway, same folder).
Chromium ${chromiumVersion} (headless), a 1080 × 1400 viewport, English.
The slow case uses Chrome DevTools' "Slow 4G" conditions (${slowPhone.latencyMs} ms latency, ${((slowPhone.downloadBytesPerSecond * 8) / 1e6).toFixed(2)} Mbit/s down,
${((slowPhone.uploadBytesPerSecond * 8) / 1e3).toFixed(0)} kbit/s up) with a ${slowPhone.cpuSlowdown}× CPU slowdown.

${table(['shipped', 'files', 'raw', 'gzip', 'fetched for the first screen (English)'], sizeRows)}

Fonts (woff2 is compressed already, so gzip gains little; the Urdu and Arabic faces load only when their script is
shown, and a current browser fetches only the woff2 files, ${kib(sum(woff2, 'raw'))} in all — the .woff copies are
fallbacks for old browsers):

${table(['font file', 'raw', 'gzip', 'fetched for the English first screen'], fontRows)}

The gateway sent ${kib(wireStatic)} over the wire for the first screen's files (headers included): the build writes a
brotli and a gzip copy of each script, style sheet and font beside it, and the gateway sends the copy the browser
accepts. On the Slow 4G link that is about ${transferSeconds(wireStatic)} s of transfer for the first screen's files as
sent, against ${transferSeconds(sum(firstScreenCode, 'raw'))} s uncompressed.

${table(['network', 'visits', 'empty page p50 (baseline)', 'catalogue clickable p50', 'slowest', 'added (ratio)'], timeRows)}

Goals: the first screen's JavaScript, CSS and HTML at most ${goals.firstScreenGzipKiB} KiB gzip — ${metText(sizeMet)}
(${kib(firstScreenGzip)}); catalogue clickable in under ${goals.lanP50Ms} ms at p50 on loopback — ${metText(lanMet)}
(${ms(lanP50)}); under ${(goals.slowP50Ms / 1000).toFixed(0)} s at p50 on Slow 4G with a 4× slower CPU — ${metText(slowMet)}
(${ms(slowP50)}). Why: the kiosk must feel instant to a first-time user at a service centre (under a second on its LAN),
and the same web view must stay usable for a citizen at home on a mid-range phone and a mobile connection, where the
budgets usually quoted are about 150–200 KB of compressed script and styles and a first usable screen within about 5 s.`
  return {
    title: '(e) Kiosk web view: bytes shipped and time to the first usable screen in chromium',
    body,
    summary: [
      {
        benchmark: '(e) web view shipped for the first screen (JS+CSS+HTML, gzip)',
        figure: `${kib(firstScreenGzip)} (all but fonts ${kib(sum(withoutFonts, 'gzip'))}; fonts ${kib(sum(byKind(files, 'font'), 'gzip'))})`,
        baseline: `raw ${kib(sum(firstScreenCode, 'raw'))}; sent over the wire ${kib(wireStatic)} (brotli)`,
        goal: `≤ ${goals.firstScreenGzipKiB} KiB gzip`,
        met: sizeMet,
      },
      {
        benchmark: '(e) catalogue clickable in chromium, loopback',
        figure: `p50 ${ms(lanP50)}`,
        baseline: `empty page ${ms(percentile(times(runs.lan.empty), 50))} (ratio ${ratio(lanP50 / percentile(times(runs.lan.empty), 50))})`,
        goal: `p50 < ${goals.lanP50Ms} ms`,
        met: lanMet,
      },
      {
        benchmark: '(e) catalogue clickable, Slow 4G + 4× CPU',
        figure: `p50 ${ms(slowP50)}`,
        baseline: `empty page ${ms(percentile(times(runs.slow.empty), 50))} (ratio ${ratio(slowP50 / percentile(times(runs.slow.empty), 50))})`,
        goal: `p50 < ${(goals.slowP50Ms / 1000).toFixed(0)} s`,
        met: slowMet,
      },
    ],
  }
}
