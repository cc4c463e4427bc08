// The demo itself (`npm run demo` runs scripts/demo.ts), on SQLite and on PostgreSQL: started as a
// newcomer would, it serves the web view, the kiosk emulator and six departments, and one
// application per department goes from submission to approval through the demo's own pages (the
// development SMS inbox for the code, the payment page, each department's officer page). Ctrl+C
// stops it cleanly.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import path from 'node:path'
import { demoDepartments } from '@darwaza/db/seed'
import { referenceDepartmentCodes } from '@darwaza/departments/reference'
import { demoCitizens } from '@darwaza/gateway/adapters/development-registry'
import { createTRPCClient, httpLink } from '@trpc/client'
import type { AppRouter } from '@darwaza/gateway/router'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildWebView } from './support/browser.ts'
import { databaseKinds, freshDatabaseUrl, scratchFolder } from './support/databases.ts'
import { testEnv } from './support/env.ts'
import { payVoucher } from './support/identity.ts'

const root = path.resolve(import.meta.dirname, '..')
const [ayesha] = demoCitizens
if (!ayesha) throw new Error('the development registry needs demo citizens')

/** A day the Basic Health Units open, within the days they take bookings. */
function nextOpeningDay(): string {
  const day = new Date(Date.now() + 2 * 86_400_000)
  while (day.getUTCDay() === 0 || day.getUTCDay() === 5) day.setUTCDate(day.getUTCDate() + 1)
  return day.toISOString().slice(0, 10)
}

/** One application service of each department, with its sample form. */
const oneEach = demoDepartments.map((department) => {
  const service = department.services.find((candidate) => candidate.kind === 'application')
  if (!service) throw new Error(`${department.code} offers no application`)
  const example = (service.formSchema.examples as Record<string, unknown>[] | undefined)?.[0] ?? {}
  const form = service.slug === 'primary-care-appointment' ? { ...example, preferredDate: nextOpeningDay() } : example
  return { department: department.code, slug: service.slug, form }
})

let webRoot: string
beforeAll(async () => {
  webRoot = await buildWebView()
})

describe.each(databaseKinds())('the demo on %s', (kind) => {
  let demo: ChildProcess
  let output = ''
  const base = 20_000 + Math.floor(Math.random() * 20_000)
  const gatewayUrl = `http://127.0.0.1:${base}`
  // The demo puts the departments on consecutive ports, in this order.
  const departmentUrl = (code: string) =>
    `http://127.0.0.1:${base + 1 + (referenceDepartmentCodes as readonly string[]).indexOf(code)}`
  const emulatorUrl = `http://127.0.0.1:${base + 20}`

  beforeAll(async () => {
    const databaseUrl = kind === 'postgresql' ? await freshDatabaseUrl(kind) : undefined
    // One process, as in a terminal where Ctrl+C reaches the demo itself.
    demo = spawn(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], {
      cwd: root,
      env: {
        ...testEnv.childEnv,
        DARWAZA_DATA_DIR: scratchFolder(),
        ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
        PORT: String(base),
        DEPARTMENTS_FIRST_PORT: String(base + 1),
        KIOSK_EMULATOR_PORT: String(base + 20),
        WEB_ROOT: webRoot,
        DELIVERY_INTERVAL_MS: '200',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    demo.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    demo.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    for (let waited = 0; !output.includes('Press Ctrl+C to stop.'); waited += 100) {
      if (waited > 60_000 || demo.exitCode !== null) throw new Error(`the demo did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }, 90_000)

  afterAll(() => {
    if (demo.exitCode === null) demo.kill('SIGKILL')
  })

  it('says where everything is and serves the web view and the kiosk emulator', async () => {
    expect(output).toContain(`Open the web view:      ${gatewayUrl}/`)
    expect(output).toContain(`${emulatorUrl}/`)
    expect(output).toContain('#/hall?centre=lahore-gulberg')
    expect((await fetch(`${gatewayUrl}/`)).status).toBe(200)
    expect(await (await fetch(`${emulatorUrl}/`)).text()).toContain('/emulator/bridge.js')
    // The emulator is an enrolled kiosk: it may take a queue ticket.
    const ticket = await fetch(`${emulatorUrl}/trpc/queue.takeTicket`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ category: 'health', language: 'en' }),
    })
    expect(ticket.status).toBe(200)
  })

  it('takes one application of every department from submission to approval', async () => {
    const anonymous = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${gatewayUrl}/trpc` })] })
    const challenge = await anonymous.identity.requestCode.mutate({ identityNumber: ayesha.identityNumber })
    const inbox = await (await fetch(`${gatewayUrl}/dev/sms`)).text()
    const code = inbox.match(/\b(\d{6})\b/)?.[1] ?? ''
    const { token } = await anonymous.identity.verifyCode.mutate({ challengeId: challenge.challengeId, code })
    const citizen = createTRPCClient<AppRouter>({
      links: [httpLink({ url: `${gatewayUrl}/trpc`, headers: { authorization: `Bearer ${token}` } })],
    })
    const statusOf = async (trackingNumber: string) =>
      (await citizen.identity.history.query()).applications.find(
        (application) => application.trackingNumber === trackingNumber,
      )?.status

    for (const service of oneEach) {
      const submitted = await citizen.applications.submit.mutate({
        service: service.slug,
        form: service.form,
        idempotencyKey: `demo-${randomUUID()}`,
        language: 'en',
      })
      if (submitted.voucher) await payVoucher(gatewayUrl, submitted.voucher.psid)
      for (let tries = 0; tries < 100 && (await statusOf(submitted.trackingNumber)) !== 'received'; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
      expect({ service: service.slug, status: await statusOf(submitted.trackingNumber) }).toEqual({
        service: service.slug,
        status: 'received',
      })
      const approved = await fetch(`${departmentUrl(service.department)}/officer/status`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${btoa('officer:darwaza-officer-demo')}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams({ trackingNumber: submitted.trackingNumber, status: 'approved' }),
        redirect: 'manual',
      })
      expect(decodeURIComponent(approved.headers.get('location') ?? '')).toContain('is now approved.')
      expect(await statusOf(submitted.trackingNumber)).toBe('approved')
    }
  })

  it('stops cleanly on Ctrl+C', async () => {
    const exited = new Promise<number | null>((resolve) => demo.once('exit', (code) => resolve(code)))
    demo.kill('SIGINT')
    expect(await exited).toBe(0)
  })
})
