// The code printed on a receipt next to its tracking number. Anyone holding both can see the
// application's status on the public verification page; the tracking number alone shows nothing.
// Derived (HMAC) rather than stored, so it can be printed again and never sits in the database.
import { createHmac, timingSafeEqual } from 'node:crypto'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'

export function verificationCode(secret: string, trackingNumber: string): string {
  const digest = createHmac('sha256', secret).update(`receipt-verification:${trackingNumber}`).digest()
  return Array.from(digest.subarray(0, 8), (byte) => alphabet[byte % 32]).join('')
}

export function verificationCodeMatches(secret: string, trackingNumber: string, given: string): boolean {
  const expected = Buffer.from(verificationCode(secret, trackingNumber))
  const normalized = Buffer.from(given.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0'))
  return normalized.length === expected.length && timingSafeEqual(normalized, expected)
}
