// Fees: a voucher is issued with each application to a paid service, and the application is held
// in the outbox until the voucher is paid, confirmed by the payment provider's signed callback or
// recorded by a clerk who took cash at the counter, inside the citizen's assisted session (audited
// with the counter's device, and reconciled to the voucher's amount).
import { randomInt } from 'node:crypto'
import { verifyRequest, type SignableRequest } from '@darwaza/contracts/department-protocol/signatures'
import { z } from 'zod'
import type { UnpaidVoucher } from '@darwaza/contracts/applications'
import { auditName, deviceName, type Device, type StaffActor } from '../domain/actors.ts'
import { DomainError, invalidInput } from '../domain/errors.ts'
import { isPsid, newPsid } from '../domain/psid.ts'
import { appendAudit, type Tx } from '../persistence/audit-log.ts'
import { actingFor } from './assisted.ts'
import type { AccessDeps } from './deps.ts'

/** How long a citizen has to pay before the voucher is due. */
const voucherDays = 15

export async function issueVoucher(
  tx: Tx,
  applicationId: string,
  fee: { amountMinor: number; currency: string },
  now: Date,
) {
  return tx.paymentVoucher.create({
    data: {
      applicationId,
      psid: newPsid(randomInt),
      amountMinor: fee.amountMinor,
      currency: fee.currency,
      dueAt: new Date(now.getTime() + voucherDays * 86_400_000),
    },
    select: { psid: true, amountMinor: true, currency: true, dueAt: true, state: true },
  })
}

export const PaymentConfirmation = z.strictObject({
  psid: z.string().refine(isPsid, 'is not a payment slip id'),
  amountMinor: z.int().positive(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  reference: z.string().min(1).max(80),
  paidAt: z.iso.datetime(),
})
export type PaymentConfirmation = z.infer<typeof PaymentConfirmation>

type Recorded = { outcome: 'recorded' | 'already_recorded'; psid: string }

async function recordPayment(
  deps: AccessDeps,
  payment: { psid: string; amountMinor: number; currency?: string; reference: string; paidAt: Date; via: string },
  actor: string,
  /** At the counter: the citizen the clerk acts for (the voucher must be theirs), the device and session. */
  counter?: { citizenId: string; device: Device; assistedSessionId: string },
): Promise<Recorded> {
  const voucher = await deps.db.paymentVoucher.findUnique({
    where: { psid: payment.psid },
    select: {
      id: true,
      applicationId: true,
      amountMinor: true,
      currency: true,
      state: true,
      paymentReference: true,
      application: { select: { citizenId: true } },
    },
  })
  // Another citizen's voucher is "not found" at the counter too: its existence is not told.
  if (!voucher || (counter && voucher.application.citizenId !== counter.citizenId)) {
    throw new DomainError('NOT_FOUND', 'There is no voucher with this payment slip id.')
  }
  if (voucher.state === 'paid') {
    if (voucher.paymentReference === payment.reference) return { outcome: 'already_recorded', psid: payment.psid }
    throw invalidInput([{ field: 'psid', reason: 'already_paid', message: 'this voucher is already paid' }])
  }
  const currency = payment.currency ?? voucher.currency
  if (voucher.amountMinor !== payment.amountMinor || voucher.currency !== currency) {
    throw invalidInput([
      {
        field: 'amountMinor',
        reason: 'does_not_match',
        message: `the voucher is for ${voucher.amountMinor} ${voucher.currency} (minor units), not ${payment.amountMinor} ${currency}`,
      },
    ])
  }
  const now = deps.now()
  return deps.db.$transaction(async (tx) => {
    const paid = await tx.paymentVoucher.updateMany({
      where: { id: voucher.id, state: 'unpaid' },
      data: {
        state: 'paid',
        paidAt: payment.paidAt,
        paidVia: payment.via,
        paymentReference: payment.reference,
        recordedById: actor.startsWith('staff:') ? actor.slice('staff:'.length) : null,
      },
    })
    if (paid.count === 0) return { outcome: 'already_recorded' as const, psid: payment.psid }
    // The application's delivery was held for this payment: release it now.
    await tx.outboxEntry.updateMany({
      where: { applicationId: voucher.applicationId, state: 'awaiting_payment' },
      data: { state: 'pending', nextAttemptAt: now },
    })
    const application = await tx.application.findUniqueOrThrow({
      where: { id: voucher.applicationId },
      select: { citizenId: true, trackingNumber: true },
    })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'payment.recorded',
        actor,
        onBehalfOf: `citizen:${application.citizenId}`,
        ...(counter ? { device: deviceName(counter.device) } : {}),
        data: {
          ...(counter ? { assistedSessionId: counter.assistedSessionId } : {}),
          psid: payment.psid,
          trackingNumber: application.trackingNumber,
          amountMinor: payment.amountMinor,
          currency,
          via: payment.via,
          reference: payment.reference,
        },
      },
      now,
    )
    return { outcome: 'recorded' as const, psid: payment.psid }
  })
}

/** The payment provider's signed confirmation (POST /payments/v1/callback). */
export async function receivePaymentCallback(
  deps: AccessDeps,
  provider: { name: string; keys: ReadonlyMap<string, string> },
  request: SignableRequest,
): Promise<{ httpStatus: number; body: unknown }> {
  const check = await verifyRequest(request, provider.keys, deps.now())
  if (!check.ok) return { httpStatus: 401, body: { error: { code: 'unauthorized', message: check.reason } } }
  let json: unknown
  try {
    json = JSON.parse(request.body)
  } catch {
    return { httpStatus: 400, body: { error: { code: 'invalid', message: 'The body is not JSON.' } } }
  }
  const parsed = PaymentConfirmation.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    return {
      httpStatus: 400,
      body: { error: { code: 'invalid', message: issue?.message ?? 'malformed', field: issue?.path.join('.') } },
    }
  }
  try {
    const recorded = await recordPayment(
      deps,
      { ...parsed.data, paidAt: new Date(parsed.data.paidAt), via: `provider:${provider.name}` },
      `payment-provider:${provider.name}`,
    )
    return { httpStatus: 200, body: recorded }
  } catch (error) {
    if (error instanceof DomainError) {
      return {
        httpStatus: error.code === 'NOT_FOUND' ? 404 : 409,
        body: { error: { code: error.code, message: error.message } },
      }
    }
    throw error
  }
}

/** A clerk took cash at the counter for a voucher of the citizen they are helping in this assisted session. */
export async function recordCashPayment(
  deps: AccessDeps,
  clerk: StaffActor,
  input: { assistedSessionId: string; psid: string; amountMinor: number; receiptNumber: string },
  device: Device,
) {
  const citizenId = await actingFor(deps, clerk, input.assistedSessionId)
  return recordPayment(
    deps,
    {
      psid: input.psid,
      amountMinor: input.amountMinor,
      reference: `counter:${input.receiptNumber}`,
      paidAt: deps.now(),
      via: 'counter',
    },
    auditName(clerk),
    { citizenId, device, assistedSessionId: input.assistedSessionId },
  )
}

/** The vouchers the citizen of this assisted session has not paid yet, oldest first. Audited as a look. */
export async function unpaidVouchers(
  deps: AccessDeps,
  clerk: StaffActor,
  assistedSessionId: string,
  device: Device,
): Promise<UnpaidVoucher[]> {
  const citizenId = await actingFor(deps, clerk, assistedSessionId)
  return deps.db.$transaction(async (tx) => {
    const vouchers = await tx.paymentVoucher.findMany({
      where: { state: 'unpaid', application: { citizenId } },
      orderBy: { dueAt: 'asc' },
      select: {
        psid: true,
        amountMinor: true,
        currency: true,
        dueAt: true,
        application: {
          select: {
            trackingNumber: true,
            serviceVersion: { select: { title: true, service: { select: { slug: true } } } },
          },
        },
      },
    })
    await appendAudit(
      tx,
      deps.provider,
      {
        event: 'assisted.viewed_vouchers',
        actor: auditName(clerk),
        onBehalfOf: `citizen:${citizenId}`,
        device: deviceName(device),
        data: { assistedSessionId, psids: vouchers.map((voucher) => voucher.psid) },
      },
      deps.now(),
    )
    return vouchers.map(({ application, ...voucher }) => ({
      ...voucher,
      trackingNumber: application.trackingNumber,
      service: application.serviceVersion.service.slug,
      title: application.serviceVersion.title as UnpaidVoucher['title'],
    }))
  })
}

/** A citizen's own voucher, by tracking number. */
export async function voucherFor(deps: AccessDeps, citizenId: string, trackingNumber: string) {
  const application = await deps.db.application.findUnique({
    where: { trackingNumber },
    select: { id: true, citizenId: true },
  })
  if (!application || application.citizenId !== citizenId) {
    throw new DomainError('NOT_FOUND', 'You have no application with this tracking number.')
  }
  return deps.db.paymentVoucher.findUnique({
    where: { applicationId: application.id },
    select: { psid: true, amountMinor: true, currency: true, dueAt: true, state: true, paidAt: true, paidVia: true },
  })
}
