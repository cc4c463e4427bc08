// `pnpm bench`: every benchmark in one run, then REPORT.md rewritten with the figures of this run.
//   pnpm bench                      all of them (about 8 minutes on a 2-core machine)
//   pnpm bench -- lookups search    only those named (printed, REPORT.md left alone)
// Names: lookups, submissions, search, drain, web.
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import pg from 'pg'
import { benchCatalogueSearch } from './catalogue-search.bench.ts'
import { benchDrain } from './drain.bench.ts'
import { benchEnv } from './env.ts'
import { benchLookups } from './lookups.bench.ts'
import { progress, table, type Section } from './support/report.ts'
import { cleanUp, postgresAvailable, type DatabaseKind } from './support/setup.ts'
import {
  benchSubmissions,
  openSubmissionSite,
  submissionsReport,
  type SubmissionFigures,
  type SubmissionSite,
} from './submissions.bench.ts'
import { benchWebView } from './web-view.bench.ts'

const names = ['lookups', 'submissions', 'search', 'drain', 'web'] as const
type Name = (typeof names)[number]
const asked = process.argv.slice(2).filter((arg) => arg !== '--')
for (const name of asked) {
  if (!names.includes(name as Name)) throw new Error(`unknown benchmark "${name}"; known: ${names.join(', ')}`)
}
const selected = new Set<Name>(asked.length > 0 ? (asked as Name[]) : names)
const everything = selected.size === names.length

async function machine(withPostgres: boolean): Promise<string[]> {
  const cpus = os.cpus()
  let osName = `${os.type()} ${os.release()}`
  try {
    const pretty = /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))?.[1]
    if (pretty) osName = `${pretty} (kernel ${os.release()})`
  } catch {
    // not Linux: keep os.type()
  }
  const memory = new Database(':memory:')
  const sqlite = (memory.prepare('SELECT sqlite_version() AS version').get() as { version: string }).version
  memory.close()
  let postgres = 'not reachable: the PostgreSQL figures are missing'
  if (withPostgres) {
    const client = new pg.Client({ connectionString: benchEnv.postgresAdminUrl })
    await client.connect()
    postgres = (await client.query<{ server_version: string }>('SHOW server_version')).rows[0]?.server_version ?? '?'
    await client.end()
  }
  const autocannon = (createRequire(import.meta.url)('autocannon/package.json') as { version: string }).version
  return [
    `CPU: ${cpus.length} × ${cpus[0]?.model ?? 'unknown'}${cpus[0]?.speed ? ` (${cpus[0].speed} MHz)` : ''}`,
    `Memory: ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    `OS: ${osName}`,
    `Node ${process.version}; SQLite ${sqlite}; PostgreSQL ${postgres}; load generator autocannon ${autocannon}`,
  ]
}

const started = new Date()
const loadBefore = os.loadavg()
const withPostgres = await postgresAvailable()
const sections: Section[] = []
const skippedPostgres = withPostgres
  ? null
  : `PostgreSQL was not reachable at ${benchEnv.postgresAdminUrl.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')}: its figures are missing from this run.`
const machineLines = await machine(withPostgres)
try {
  if (selected.has('lookups')) sections.push(await benchLookups())

  // (b) on each database; the drain (d) reuses one of those gateways' backlogs (PostgreSQL when there is one).
  const drainKind: DatabaseKind = withPostgres ? 'postgresql' : 'sqlite'
  let drainSite: SubmissionSite | undefined
  if (selected.has('submissions')) {
    const figures: SubmissionFigures[] = []
    const variants: { kind: DatabaseKind; wal: boolean }[] = [
      { kind: 'sqlite', wal: false },
      { kind: 'sqlite', wal: true },
      ...(withPostgres ? [{ kind: 'postgresql' as const, wal: false }] : []),
    ]
    for (const { kind, wal } of variants) {
      const site = await openSubmissionSite(kind, { wal })
      figures.push(await benchSubmissions(site))
      if (kind === drainKind && !wal && selected.has('drain')) drainSite = site
      else {
        await site.gateway.stop()
        await site.db.$disconnect()
      }
    }
    sections.push({
      title: '(b) Submissions durably accepted per second',
      ...submissionsReport(figures, skippedPostgres),
    })
  }
  if (selected.has('search')) sections.push(await benchCatalogueSearch())
  if (selected.has('drain')) {
    drainSite ??= await openSubmissionSite(drainKind)
    sections.push(await benchDrain(drainSite))
    await drainSite.db.$disconnect()
  }
  if (selected.has('web')) sections.push(await benchWebView())
} finally {
  await cleanUp()
}

sections.sort((a, b) => a.title.localeCompare(b.title))
const minutes = (Date.now() - started.getTime()) / 60_000
const summary = table(
  ['benchmark', 'measured', 'baseline (same run)', 'goal', 'met'],
  sections.flatMap((section) =>
    section.summary.map((line) => [
      line.benchmark,
      line.figure,
      line.baseline,
      line.goal,
      line.met === null ? '—' : line.met ? 'met' : '**NOT met**',
    ]),
  ),
)
const report = `# Benchmark report

Written by \`pnpm bench\` (bench/run.ts) from the figures of one run; rerun it rather than editing this file. The method,
the baseline and the reason for each goal are under each benchmark below; bench/README.md says how to run them.

## The run

- Measured: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC, \`pnpm bench\` at the repository root, ${minutes.toFixed(1)} minutes
${machineLines.map((line) => `- ${line}`).join('\n')}
- Load average (1, 5, 15 min) when the run started: ${loadBefore.map((value) => value.toFixed(2)).join(', ')}; when it
  ended: ${os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(', ')} (other work on the machine shows here and moves the figures).
${
  loadBefore[0]! > 1
    ? `- **The machine was not idle** when the run started (load average ${loadBefore[0]!.toFixed(2)} on ${os.cpus().length} cores): other work
  took CPU from the benchmarks, so throughputs are lower and tails longer than on an idle machine.
`
    : ''
}- Layout: the gateway and each department run in processes of their own (as in production), the load generator
  (autocannon, closed loop over keep-alive connections; percentiles from every response's own time) in the bench
  process; all of them, PostgreSQL and chromium share the 2 cores, so every figure is a 2-core figure with the load
  generator's cost included, and each baseline is measured under the same conditions in the same run.
- Gateway settings: \`NODE_ENV=production\`, \`LOG_LEVEL=info\` (JSON lines to a file), otherwise the shipped defaults
  unless a section says otherwise.
${skippedPostgres ? `- ${skippedPostgres}\n` : ''}
## Summary

${summary}

${sections.map((section) => `## ${section.title}\n\n${section.body}\n`).join('\n')}`

if (everything) {
  writeFileSync(path.join(import.meta.dirname, 'REPORT.md'), report)
  progress(`REPORT.md written (${minutes.toFixed(1)} minutes)`)
}
// A partial run prints everything it measured; a full one prints the summary (the rest is in REPORT.md).
console.log(everything ? `\n${summary}\n` : `\n${report}`)
process.exit(0)
