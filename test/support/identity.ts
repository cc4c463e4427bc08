// Scenario helpers for identity tests: read codes from the development SMS provider, sign people in.
import { latestDevelopmentSms } from '@darwaza/gateway/adapters/development-sms'
import type { Db } from '@darwaza/db'
import { demoStaff } from '@darwaza/gateway/seed'
import type { GatewayClient, TestGateway } from './gateway.ts'
import { recordSecret } from './secrets.ts'

export async function codeSentTo(db: Db, phone: string): Promise<string> {
  const body = await latestDevelopmentSms(db, phone)
  const code = body?.match(/\b(\d{6})\b/)?.[1]
  if (!code) throw new Error(`no code was sent to ${phone}`)
  recordSecret('one-time code', code)
  return code
}

export async function signInCitizen(client: GatewayClient, db: Db, person: { identityNumber: string; phone: string }) {
  const challenge = await client.identity.requestCode.mutate({ identityNumber: person.identityNumber })
  return client.identity.verifyCode.mutate({
    challengeId: challenge.challengeId,
    code: await codeSentTo(db, person.phone),
  })
}

export async function signInStaff(client: GatewayClient, username: string, password: string) {
  return client.staff.signIn.mutate({ username, password })
}

/** The error code (data.code) a failed call carries, for asserting which refusal it was. */
export async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call
  } catch (error) {
    const data = (error as { data?: { code?: string } }).data
    return data?.code ?? `no code: ${String(error)}`
  }
  return 'allowed'
}

/** The fields a refused call named (data.fieldErrors[].field), in order; empty if it was allowed. */
export async function fieldsRefused(call: Promise<unknown>): Promise<string[]> {
  try {
    await call
  } catch (error) {
    const data = (error as { data?: { fieldErrors?: { field: string }[] } }).data
    return (data?.fieldErrors ?? []).map((problem) => problem.field)
  }
  return []
}

/** Pays a voucher through the development payment provider, as a citizen would at a bank. */
export async function payVoucher(gatewayUrl: string, psid: string): Promise<void> {
  const response = await fetch(`${gatewayUrl}/dev/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ psid }),
    redirect: 'manual',
  })
  const location = decodeURIComponent(response.headers.get('location') ?? '')
  if (!location.includes(`Paid ${psid}.`)) throw new Error(`the voucher ${psid} was not paid: ${location}`)
}

/** The password of one of the demo staff accounts (seedDemoAccess). */
export const demoPassword = (username: string) => demoStaff.find((staff) => staff.username === username)?.password ?? ''

/**
 * Registers and enrols a kiosk, at the demo service centre unless another is named; the credential
 * is what its shell would hold.
 */
export async function enrolledKioskCredential(
  gateway: TestGateway,
  label: string,
  serviceCentreId?: string,
): Promise<string> {
  const admin = gateway.clientAs({ token: (await signInStaff(gateway.client, 'admin', demoPassword('admin'))).token })
  const centreId = serviceCentreId ?? (await admin.admin.listServiceCentres.query())[0]?.id
  if (!centreId) throw new Error('the demo service centre is not seeded')
  const { enrolmentCode } = await admin.admin.registerKiosk.mutate({ serviceCentreId: centreId, label })
  return (await gateway.client.kiosks.enrol.mutate({ enrolmentCode })).credential
}
