// Each department's signing key in tests: one per department code, made once per test file, so the
// department (a reference department or a stub) signs its answers with it and the seeded gateway
// knows it (seedDemoCatalogue(db, urls, testDepartmentKeys())).
import {
  generateSigningKeyPair,
  loadPrivateKey,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import type { DemoDepartmentKeys } from '@darwaza/db/seed'
import { referenceDepartmentCodes } from '@darwaza/departments/reference'

const signers = new Map<string, SigningIdentity & { publicKey: string }>()

/** The key the department `code` signs with in this test file. */
export function testDepartmentSigner(code: string): SigningIdentity & { publicKey: string } {
  let signer = signers.get(code)
  if (!signer) {
    const pair = generateSigningKeyPair(`${code}-test`)
    signer = { keyId: pair.keyId, privateKey: loadPrivateKey(pair.privateKeyPem), publicKey: pair.publicKey }
    signers.set(code, signer)
  }
  return signer
}

/** The public keys to register with the gateway, by department code (the six reference departments by default). */
export function testDepartmentKeys(codes: readonly string[] = referenceDepartmentCodes): DemoDepartmentKeys {
  return Object.fromEntries(
    codes.map((code) => {
      const { keyId, publicKey } = testDepartmentSigner(code)
      return [code, { keyId, publicKey }]
    }),
  )
}
