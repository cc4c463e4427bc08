// Each reference department's signing key (for its answers, status callbacks and document fetches):
// one PEM file per department, made on first start (mode 0600) and kept, so the gateway's
// registration of it stays valid.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  publicKeyOf,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'

export function departmentSigner(keysDir: string, code: string): SigningIdentity & { publicKey: string } {
  const file = path.join(keysDir, `${code}.pem`)
  if (!existsSync(file)) {
    mkdirSync(keysDir, { recursive: true, mode: 0o700 })
    writeFileSync(file, generateSigningKeyPair(`${code}-1`).privateKeyPem, { mode: 0o600 })
  }
  const privateKey = loadPrivateKey(readFileSync(file, 'utf8'))
  return { keyId: `${code}-1`, privateKey, publicKey: publicKeyOf(privateKey) }
}
