// Catalogue search through the gateway with 10,000 published services. Measures, in one run, the
// latency of catalogue.search over HTTP against a baseline of the same gateway's /health round trip,
// and writes the figures to bench/REPORT.md.
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { ServiceCategory } from '@darwaza/contracts/catalogue'
import { createDb } from '@darwaza/db'
import { deployMigrations } from '@darwaza/db/migrate'
import { loadConfig } from '@darwaza/gateway/env'
import { startGateway } from '@darwaza/gateway/start'

const serviceCount = 10_000
const rounds = 400
const categories = ServiceCategory.options
const subjects = [
  { en: 'driving licence', ur: 'ڈرائیونگ لائسنس', romanized: 'lisans' },
  { en: 'birth certificate', ur: 'پیدائش سرٹیفکیٹ', romanized: 'paidaish' },
  { en: 'water connection', ur: 'پانی کنکشن', romanized: 'pani' },
  { en: 'school admission', ur: 'اسکول داخلہ', romanized: 'dakhla' },
  { en: 'traffic fine', ur: 'ٹریفک جرمانہ', romanized: 'jurmana' },
  { en: 'pension claim', ur: 'پنشن دعویٰ', romanized: 'pension' },
  { en: 'shop registration', ur: 'دکان رجسٹریشن', romanized: 'dukan' },
  { en: 'identity card', ur: 'شناختی کارڈ', romanized: 'shanakhti' },
  { en: 'hospital appointment', ur: 'ہسپتال ملاقات', romanized: 'haspatal' },
  { en: 'electricity bill', ur: 'بجلی بل', romanized: 'bijli' },
]
const actions = [
  { en: 'Apply for', ur: 'درخواست' },
  { en: 'Renew', ur: 'تجدید' },
  { en: 'Check', ur: 'جانچ' },
  { en: 'Replace', ur: 'تبدیلی' },
  { en: 'Cancel', ur: 'منسوخی' },
]
const queries = [
  'licence',
  'drivng licnece',
  'birth',
  'پیدائش',
  'jurmana',
  'water bill',
  'لائسنس',
  'school',
  'pension claim',
  'shanakhti card',
]

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

async function timed(call: () => Promise<Response>): Promise<number> {
  const start = performance.now()
  const response = await call()
  await response.arrayBuffer()
  if (!response.ok) throw new Error(`HTTP ${response.status}`)
  return performance.now() - start
}

const folder = mkdtempSync(path.join(os.tmpdir(), 'darwaza-bench-'))
const databaseUrl = `file:${path.join(folder, 'bench.db')}`
await deployMigrations(databaseUrl)
const db = createDb(databaseUrl)
const department = await db.department.create({
  data: {
    code: 'bench',
    name: { en: 'Bench Department', ur: 'بینچ محکمہ' },
    baseUrl: 'http://127.0.0.1:9',
    state: 'live',
  },
})
const services = Array.from({ length: serviceCount }, (_, i) => ({
  id: randomUUID(),
  slug: `service-${i}`,
  kind: 'application' as const,
  category: categories[i % categories.length] ?? 'business',
  departmentId: department.id,
}))
await db.service.createMany({ data: services })
await db.serviceVersion.createMany({
  data: services.map((service, i) => {
    const subject = subjects[i % subjects.length] ?? subjects[0]!
    const action = actions[Math.floor(i / subjects.length) % actions.length] ?? actions[0]!
    return {
      serviceId: service.id,
      version: 1,
      state: 'published' as const,
      publishedAt: new Date(),
      title: { en: `${action.en} ${subject.en} ${i}`, ur: `${subject.ur} ${action.ur} ${i}` },
      summary: { en: `${action.en} a ${subject.en} in district ${i % 150}`, ur: `ضلع ${i % 150} میں ${subject.ur}` },
      keywords: { romanized: [subject.romanized] },
      formSchema: {},
      presentation: { fields: {} },
      endpointPath: '/x',
      citizenAttributes: [],
      channels: ['kiosk', 'web'],
    }
  }),
})

const gateway = await startGateway(loadConfig({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent' }))
const search = (query: string) =>
  fetch(`${gateway.url}/trpc/catalogue.search?input=${encodeURIComponent(JSON.stringify({ query }))}`)

const indexBuildMs = await timed(() => search('warm up'))
const baseline: number[] = []
const searches: number[] = []
for (let round = 0; round < rounds; round++) {
  baseline.push(await timed(() => fetch(`${gateway.url}/health`)))
  searches.push(await timed(() => search(queries[round % queries.length] ?? 'licence')))
}
await gateway.stop()
await db.$disconnect()
rmSync(folder, { recursive: true, force: true })

const figures = {
  baselineP50: percentile(baseline, 50),
  baselineP99: percentile(baseline, 99),
  searchP50: percentile(searches, 50),
  searchP99: percentile(searches, 99),
}
const ms = (value: number) => `${value.toFixed(2)} ms`
const section = `## Catalogue search at ${serviceCount.toLocaleString('en')} services

- Measured: ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC, \`pnpm bench\` (bench/catalogue-search.bench.ts)
- Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, SQLite
- Method: ${rounds} sequential \`catalogue.search\` calls over HTTP on loopback (${queries.length} queries in English, Urdu script,
  romanized Urdu and with typos), interleaved with the same number of \`GET /health\` calls as the baseline.

| | p50 | p99 |
| --- | --- | --- |
| baseline: \`GET /health\` | ${ms(figures.baselineP50)} | ${ms(figures.baselineP99)} |
| \`catalogue.search\` | ${ms(figures.searchP50)} | ${ms(figures.searchP99)} |
| ratio search / baseline | ${(figures.searchP50 / figures.baselineP50).toFixed(1)}× | ${(figures.searchP99 / figures.baselineP99).toFixed(1)}× |

Building the index for all ${serviceCount.toLocaleString('en')} services (first search after a change to the published
catalogue): ${ms(indexBuildMs)}. Goal: p99 under 100 ms for a kiosk to feel immediate — ${figures.searchP99 < 100 ? 'met' : 'NOT met'}.
`

const reportFile = path.join(import.meta.dirname, 'REPORT.md')
const header = '# Benchmark report\n\nFigures from `pnpm bench` on the machine named in each section.\n\n'
let report: string
try {
  report = readFileSync(reportFile, 'utf8')
} catch {
  report = header
}
const start = report.indexOf('## Catalogue search')
const end = start === -1 ? -1 : report.indexOf('\n## ', start + 1)
report =
  start === -1 ? `${report}${section}` : `${report.slice(0, start)}${section}${end === -1 ? '' : report.slice(end + 1)}`
writeFileSync(reportFile, report)
console.log(section)
process.exit(0)
