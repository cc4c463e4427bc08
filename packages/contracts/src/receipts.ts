// A receipt's content is signed by the gateway (Ed25519 over its RFC 8785 canonical JSON), so anyone
// can check a receipt offline with the gateway's published public key
// (/.well-known/darwaza/gateway-keys.json). Server-side and command-line only (node:crypto).
import { createHash, sign, verify } from 'node:crypto'
import canonicalize from 'canonicalize'
import { z } from 'zod'
import { importPublicKey, type SigningIdentity } from './department-protocol/signatures.ts'
import { LocalizedText } from './localized.ts'

export const ReceiptContent = z.strictObject({
  trackingNumber: z.string(),
  service: z.string(),
  serviceVersion: z.int(),
  title: LocalizedText,
  department: LocalizedText,
  submittedAt: z.string(),
  channel: z.enum(['kiosk', 'web', 'assisted']),
  /** SHA-256 of the canonical JSON of the answers: proves what was submitted without showing it. */
  formDigest: z.string().regex(/^[0-9a-f]{64}$/),
  fee: z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('free') }),
    z.strictObject({ kind: z.literal('fixed'), amountMinor: z.int(), currency: z.string() }),
    /** The amount is the department's quote, once it has given one. */
    z.strictObject({ kind: z.literal('quoted'), amountMinor: z.int().optional(), currency: z.string().optional() }),
  ]),
})
export type ReceiptContent = z.infer<typeof ReceiptContent>

/**
 * One answer of the form as submitted, for the receipt the citizen keeps (never for the public page):
 * the field's label, the value as typed, and for a choice the label of the option chosen.
 */
export const ReceiptAnswer = z.object({
  field: z.string(),
  label: LocalizedText,
  value: z.union([z.string(), z.number(), z.boolean()]),
  option: LocalizedText.optional(),
})
export type ReceiptAnswer = z.infer<typeof ReceiptAnswer>

export const SignedReceipt = z.strictObject({
  content: ReceiptContent,
  signature: z.strictObject({ alg: z.literal('ed25519'), keyId: z.string(), value: z.string() }),
})
export type SignedReceipt = z.infer<typeof SignedReceipt>

export function formDigest(form: unknown): string {
  return createHash('sha256')
    .update(canonicalize(form) ?? '')
    .digest('hex')
}

export function signReceipt(content: ReceiptContent, signer: SigningIdentity): SignedReceipt {
  const value = sign(null, Buffer.from(canonicalize(content) ?? ''), signer.privateKey).toString('base64url')
  return { content, signature: { alg: 'ed25519', keyId: signer.keyId, value } }
}

/** True when the receipt was signed by one of these gateway keys (keyId → public key) and not changed. */
export function verifyReceipt(receipt: SignedReceipt, gatewayKeys: ReadonlyMap<string, string>): boolean {
  const publicKey = gatewayKeys.get(receipt.signature.keyId)
  if (!publicKey) return false
  return verify(
    null,
    Buffer.from(canonicalize(receipt.content) ?? ''),
    importPublicKey(publicKey),
    Buffer.from(receipt.signature.value, 'base64url'),
  )
}
