// Every procedure must declare who may call it. Procedures are built only from the base procedures in
// trpc.ts, each of which sets an access rule; this fails if one slips through without.
import { describe, expect, it } from 'vitest'
import type { ProcedureMeta } from '../trpc.ts'
import { appRouter } from './app-router.ts'

const procedures = Object.entries(
  appRouter._def.procedures as unknown as Record<string, { _def: { meta?: ProcedureMeta } }>,
)

describe('access rules', () => {
  it('the router has procedures to check', () => {
    expect(procedures.length).toBeGreaterThan(20)
  })

  it.each(procedures)('%s declares who may call it', (_path, procedure) => {
    expect(procedure._def.meta?.access).toMatch(
      /^(public|kiosk|signed_in|citizen|staff|clerk|department_officer|department_admin|platform_admin|department_staff)$/,
    )
  })

  it('keeps the public surface to what anonymous callers need', () => {
    const open = procedures.filter(([, procedure]) => procedure._def.meta?.access === 'public').map(([path]) => path)
    expect(open.sort()).toEqual([
      'applications.verify',
      'catalogue.list',
      'catalogue.search',
      'identity.requestCode',
      'identity.verifyCode',
      'kiosks.enrol',
      'lookups.perform',
      // The waiting hall's display: ticket numbers and counters only.
      'queue.board',
      'queue.watchBoard',
      'staff.signIn',
    ])
  })
})
