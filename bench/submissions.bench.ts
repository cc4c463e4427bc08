// (b) Submissions durably accepted per second, on SQLite and on PostgreSQL.
//
// Signed-in citizens (four demo citizens, signed in once with one-time codes read from the development
// SMS provider's table, their sessions reused) submit the Social Welfare benefit claim through
// applications.submit, each request with its own idempotency key. The gateway runs with
// DELIVERY_WORKER=off, so what is measured is acceptance: the application, its outbox entry, its
// status history, its notifications and its audit entry committed in one transaction before the
// answer. The baseline is the same gateway's GET /health under the same load generator.
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { type Db } from '@darwaza/db'
import { seedDemoCatalogue } from '@darwaza/db/seed'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import type autocannon from 'autocannon'
import { startChild, type ChildServer } from './support/children.ts'
import { runLoad, type LoadResult } from './support/load.ts'
import { count, metText, ms, perSecond, progress, ratio, table, type SummaryLine } from './support/report.ts'
import {
  departmentKey,
  folder,
  portForLater,
  freshDatabase,
  gatewayEnv,
  signInCitizen,
  type DatabaseKind,
} from './support/setup.ts'

export const benefitClaim = { householdSize: 6, monthlyIncome: 28_000, disability: false }
const connections = 10
const measuredSeconds = 10
const baselineSeconds = 5
const warmUp = 300
export const submissionGoals: Record<DatabaseKind, { perSecond: number; p99Ms: number }> = {
  sqlite: { perSecond: 50, p99Ms: 250 },
  postgresql: { perSecond: 100, p99Ms: 250 },
}

/** A gateway that accepts submissions but delivers nothing, its department seeded on a port nobody listens on. */
export interface SubmissionSite {
  kind: DatabaseKind
  /** SQLite with its journal switched to WAL by the bench (a comparison: the gateway does not do it). */
  wal: boolean
  work: string
  databaseUrl: string
  db: Db
  /** Where Social Welfare will listen once it is "back", and where its signing key is. */
  departmentPort: number
  keysDir: string
  gateway: ChildServer
  tokens: string[]
}

export async function openSubmissionSite(kind: DatabaseKind, options: { wal?: boolean } = {}): Promise<SubmissionSite> {
  const wal = kind === 'sqlite' && Boolean(options.wal)
  const work = folder(`submissions-${kind}${wal ? '-wal' : ''}`)
  const { url: databaseUrl, db } = await freshDatabase(kind, { sqliteWal: wal })
  const departmentPort = await portForLater()
  const keysDir = path.join(work, 'keys')
  await seedDemoCatalogue(
    db,
    { 'social-welfare': `http://127.0.0.1:${departmentPort}` },
    { 'social-welfare': departmentKey(keysDir, 'social-welfare') },
  )
  const gateway = await startChild(
    'gateway',
    { env: gatewayEnv(databaseUrl, { DELIVERY_WORKER: 'off' }) },
    path.join(work, 'gateway-accepting.log'),
  )
  const tokens: string[] = []
  for (const person of demoCitizens.filter((citizen) => !citizen.testIdentity)) {
    tokens.push(await signInCitizen(gateway.url, db, person))
  }
  return { kind, wal, work, databaseUrl, db, departmentPort, keysDir, gateway, tokens }
}

/** Submits benefit claims as the signed-in citizens, round robin, each with a fresh idempotency key. */
export function submit(
  site: SubmissionSite,
  run: { connections: number; amount?: number; durationSeconds?: number },
  /** Collects the tracking numbers of the accepted submissions. */
  accepted?: Set<string>,
): Promise<LoadResult> {
  let next = 0
  return runLoad({
    ...(accepted
      ? {
          onResponse: (status: number, body: string) => {
            const trackingNumber = /"trackingNumber":"([^"]+)"/.exec(body)?.[1]
            if (status === 200 && trackingNumber) accepted.add(trackingNumber)
          },
        }
      : {}),
    url: `${site.gateway.url}/trpc/applications.submit`,
    ...run,
    method: 'POST',
    setupRequest: (request: autocannon.Request) => ({
      ...request,
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${site.tokens[next++ % site.tokens.length]}`,
      },
      body: JSON.stringify({ service: 'benefit-claim', form: benefitClaim, idempotencyKey: `bench-${randomUUID()}` }),
    }),
  })
}

/** One submission, the way the kiosk sends it. */
export async function submitOne(site: SubmissionSite): Promise<void> {
  const response = await fetch(`${site.gateway.url}/trpc/applications.submit`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${site.tokens[0]}` },
    body: JSON.stringify({ service: 'benefit-claim', form: benefitClaim, idempotencyKey: `bench-${randomUUID()}` }),
  })
  if (!response.ok) throw new Error(`a submission failed: HTTP ${response.status} ${await response.text()}`)
}

export interface SubmissionFigures {
  kind: DatabaseKind
  wal: boolean
  health: LoadResult
  submissions: LoadResult
  /**
   * Afterwards: applications and pending outbox entries in the database, accepted answers, and how many
   * accepted tracking numbers the database does not have (must be 0). A run cut off at its duration may
   * leave up to one submission per connection committed but unanswered.
   */
  stored: { applications: number; outbox: number; answered: number; missing: number }
}

export async function benchSubmissions(site: SubmissionSite): Promise<SubmissionFigures> {
  progress(`submissions on ${siteName(site)}: warming up (${warmUp})`)
  const accepted = new Set<string>()
  const warm = await submit(site, { connections, amount: warmUp }, accepted)
  progress(`submissions on ${siteName(site)}: baseline GET /health for ${baselineSeconds} s`)
  const health = await runLoad({ url: `${site.gateway.url}/health`, connections, durationSeconds: baselineSeconds })
  progress(`submissions on ${siteName(site)}: applications.submit for ${measuredSeconds} s, ${connections} connections`)
  const submissions = await submit(site, { connections, durationSeconds: measuredSeconds }, accepted)
  if (submissions.failed > 0 || warm.failed > 0) {
    throw new Error(
      `submissions on ${siteName(site)}: ${submissions.failed + warm.failed} failed (${JSON.stringify(submissions.statusCodes)})`,
    )
  }
  // The requests cut off at the end of the run may still be committing on the gateway: let them finish.
  await sleep(1000)
  const applications = await site.db.application.count()
  const outbox = await site.db.outboxEntry.count({ where: { state: 'pending' } })
  const stored = await site.db.application.findMany({ select: { trackingNumber: true } })
  const inDatabase = new Set(stored.map((application) => application.trackingNumber))
  const missing = [...accepted].filter((trackingNumber) => !inDatabase.has(trackingNumber)).length
  if (accepted.size !== warm.ok + submissions.ok) {
    throw new Error(
      `submissions on ${siteName(site)}: ${warm.ok + submissions.ok} accepted but ${accepted.size} tracking numbers`,
    )
  }
  return {
    kind: site.kind,
    wal: site.wal,
    health,
    submissions,
    stored: { applications, outbox, answered: accepted.size, missing },
  }
}

/** Every accepted submission stored, with its outbox entry; extra rows only from a cut-off run's last requests. */
const isIntact = (stored: SubmissionFigures['stored']) =>
  stored.missing === 0 &&
  stored.applications === stored.outbox &&
  stored.applications >= stored.answered &&
  stored.applications - stored.answered <= connections

const siteName = (site: { kind: DatabaseKind; wal: boolean }) => `${site.kind}${site.wal ? ' (WAL)' : ''}`
const label = (figure: { kind: DatabaseKind; wal: boolean }) =>
  figure.kind === 'postgresql' ? 'PostgreSQL' : figure.wal ? 'SQLite, WAL journal (comparison)' : 'SQLite'

export function submissionsReport(figures: SubmissionFigures[], skipped: string | null) {
  const rows = figures.flatMap((figure) => {
    const { health, submissions, stored } = figure
    return [
      [label(figure), '`GET /health` (baseline)', perSecond(health.perSecond), ms(health.p50), ms(health.p99), '—'],
      [
        label(figure),
        '`applications.submit`',
        `**${perSecond(submissions.perSecond)}** (${ratio(submissions.perSecond / health.perSecond)})`,
        ms(submissions.p50),
        `**${ms(submissions.p99)}**`,
        `${count(stored.answered)} accepted, ${stored.missing} of them missing; ${count(stored.applications)} applications, ${count(stored.outbox)} outbox entries`,
      ],
    ]
  })
  const judged = figures.filter((figure) => !figure.wal)
  const summary: SummaryLine[] = judged.map((figure) => {
    const { kind, health, submissions, stored } = figure
    const goal = submissionGoals[kind]
    const intact = isIntact(stored)
    return {
      benchmark: `(b) submissions accepted, ${label(figure)}`,
      figure: `${perSecond(submissions.perSecond)}, p99 ${ms(submissions.p99)}${intact ? '' : ' (STORED COUNT MISMATCH)'}`,
      baseline: `\`/health\` ${perSecond(health.perSecond)} (ratio ${ratio(submissions.perSecond / health.perSecond)})`,
      goal: `≥ ${goal.perSecond}/s, p99 < ${goal.p99Ms} ms`,
      met: intact && submissions.perSecond >= goal.perSecond && submissions.p99 < goal.p99Ms,
    }
  })
  const goalText = judged
    .map((figure, index) => {
      const goal = submissionGoals[figure.kind]
      return `on ${label(figure)} at least ${goal.perSecond} accepted/s with p99 under ${goal.p99Ms} ms — ${metText(summary[index]!.met)}`
    })
    .join('; ')
  const rollback = figures.find((figure) => figure.kind === 'sqlite' && !figure.wal)
  const wal = figures.find((figure) => figure.wal)
  const walText =
    rollback && wal
      ? `\n\nFor comparison, the same SQLite benchmark on a database file switched to the WAL journal
(\`PRAGMA journal_mode=WAL\`, set on the file by the bench before the gateway starts): ${perSecond(wal.submissions.perSecond)}
with p99 ${ms(wal.submissions.p99)}, ${ratio(wal.submissions.perSecond / rollback.submissions.perSecond)} the default's rate. The gateway leaves SQLite in its default
rollback-journal mode, where every commit writes and syncs a journal file and the database, inside better-sqlite3's
synchronous calls on the gateway's only thread; with WAL a commit is one append to the log.`
      : ''
  const body = `Method: the four demo citizens are signed in once (one-time code from the development SMS provider's table)
and their sessions reused; autocannon keeps ${connections} connections submitting the Social Welfare benefit claim
(\`POST /trpc/applications.submit\`, a fresh idempotency key per request, the citizens in turn) for ${measuredSeconds} s,
after ${warmUp} submissions of warm-up. The gateway runs with \`DELIVERY_WORKER=off\` (its department is not even
listening), so an answer means the application, its outbox entry, status history, notifications and audit entry were
committed. Baseline: the same gateway's \`GET /health\` for ${baselineSeconds} s with the same connections. Afterwards the
database is checked: the tracking number of every accepted answer must be there, each application with its pending
outbox entry (the run stops at its duration, so up to one submission per connection may be committed unanswered). Each database is a
fresh one; PostgreSQL is the local server on loopback (default settings), SQLite a file on local disk.

${table(['database', 'request', 'answers/s (ratio to /health)', 'p50', 'p99', 'stored afterwards'], rows)}
${skipped ? `\n${skipped}\n` : ''}
Goal: ${goalText}. Why: a national gateway's heaviest hour is a few tens of submissions a second across the country
(10 million applications a year is about 1.4/s over working hours; a deadline-day peak of ten times that is 14/s), so
one PostgreSQL-backed replica should take 100/s to leave room, and one service centre on SQLite (tens of kiosks and
counters, each a submission every few minutes) is far below 50/s; a citizen waiting at a kiosk should get the receipt
in well under a second even at the tail.${walText}`
  return { body, summary }
}
