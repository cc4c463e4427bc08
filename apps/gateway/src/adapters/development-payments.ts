// Stands in for the payment provider in the demo and the tests. It has its own Ed25519 key and
// confirms a payment the way a real provider would: a signed HTTP callback to the gateway's
// /payments/v1/callback, so the gateway's verification path is exercised for real.
import { randomUUID } from 'node:crypto'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'

export interface DevelopmentPaymentProvider {
  name: 'development'
  /** The keys the gateway trusts for this provider's callbacks. */
  keys: ReadonlyMap<string, string>
  /** Pays a voucher: sends the signed confirmation to the gateway at `gatewayUrl`. */
  pay(
    gatewayUrl: string,
    voucher: { psid: string; amountMinor: number; currency: string },
  ): Promise<{ status: number; body: string }>
}

export function createDevelopmentPaymentProvider(): DevelopmentPaymentProvider {
  const pair = generateSigningKeyPair('development-payments')
  const signer: SigningIdentity = { keyId: pair.keyId, privateKey: loadPrivateKey(pair.privateKeyPem) }
  return {
    name: 'development',
    keys: new Map([[pair.keyId, pair.publicKey]]),
    async pay(gatewayUrl, voucher) {
      const url = `${gatewayUrl.replace(/\/+$/, '')}/payments/v1/callback`
      const body = JSON.stringify({
        psid: voucher.psid,
        amountMinor: voucher.amountMinor,
        currency: voucher.currency,
        reference: `DEV-${randomUUID().slice(0, 8).toUpperCase()}`,
        paidAt: new Date().toISOString(),
      })
      const headers = await signRequest(
        { method: 'POST', url, headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() }, body },
        signer,
      )
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })
      return { status: response.status, body: await response.text() }
    },
  }
}
