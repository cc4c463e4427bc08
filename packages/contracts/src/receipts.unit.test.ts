import { describe, expect, it } from 'vitest'
import { generateSigningKeyPair, loadPrivateKey } from './department-protocol/signatures.ts'
import { formDigest, signReceipt, verifyReceipt, type ReceiptContent } from './receipts.ts'

const gateway = generateSigningKeyPair('gateway-1')
const keys = new Map([[gateway.keyId, gateway.publicKey]])
const content: ReceiptContent = {
  trackingNumber: 'DZ-10JN-YX23-4',
  service: 'birth-certificate',
  serviceVersion: 1,
  title: { en: 'Birth certificate', ur: 'پیدائشی سرٹیفکیٹ' },
  department: { en: 'Civil Registration', ur: 'شہری اندراج' },
  submittedAt: '2026-11-22T10:00:00.000Z',
  channel: 'kiosk',
  formDigest: formDigest({ childName: 'Zainab', sex: 'female' }),
  fee: { kind: 'fixed', amountMinor: 20_000, currency: 'PKR' },
}

describe('signed receipts', () => {
  it('verify with the gateway key, whatever the order of their fields', () => {
    const receipt = signReceipt(content, { keyId: gateway.keyId, privateKey: loadPrivateKey(gateway.privateKeyPem) })
    expect(verifyReceipt(receipt, keys)).toBe(true)
    const reordered = JSON.parse(JSON.stringify({ signature: receipt.signature, content: { ...receipt.content } }))
    expect(verifyReceipt(reordered, keys)).toBe(true)
    expect(formDigest({ sex: 'female', childName: 'Zainab' })).toBe(content.formDigest)
  })

  it('fail when anything is changed, or with another key', () => {
    const receipt = signReceipt(content, { keyId: gateway.keyId, privateKey: loadPrivateKey(gateway.privateKeyPem) })
    expect(verifyReceipt({ ...receipt, content: { ...content, trackingNumber: 'DZ-10JN-YX23-5' } }, keys)).toBe(false)
    expect(verifyReceipt({ ...receipt, content: { ...content, fee: { kind: 'free' } } }, keys)).toBe(false)
    const other = generateSigningKeyPair('gateway-1')
    expect(verifyReceipt(receipt, new Map([[other.keyId, other.publicKey]]))).toBe(false)
    expect(verifyReceipt(receipt, new Map())).toBe(false)
  })
})
