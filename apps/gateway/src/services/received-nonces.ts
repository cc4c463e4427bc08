// Replay protection for signed requests from departments, beyond the signature's time window: each
// nonce a department signed with is remembered until a request that old would fail the time check
// anyway. Status callbacks and document fetches share the one store (ReceivedNonce).
import { clockToleranceSeconds, signatureLifetimeSeconds } from '@darwaza/contracts/department-protocol/signatures'
import type { Db } from '@darwaza/db'

/**
 * Remembers the nonce of a verified signature from a department. False when the department already
 * used it: the request is a replay and must be refused.
 */
export async function rememberNonce(
  db: Db,
  departmentId: string,
  signature: { nonce: string; created: Date },
  now: Date,
): Promise<boolean> {
  // Expired nonces can go: a request that old fails the time check anyway.
  await db.receivedNonce.deleteMany({ where: { expiresAt: { lt: now } } })
  try {
    await db.receivedNonce.create({
      data: {
        departmentId,
        nonce: signature.nonce,
        expiresAt: new Date(
          signature.created.getTime() + (signatureLifetimeSeconds + 2 * clockToleranceSeconds) * 1000,
        ),
      },
    })
    return true
  } catch (error) {
    if (isUniqueViolation(error)) return false
    throw error
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002'
}
