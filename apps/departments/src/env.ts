// Configuration of the reference departments: the only module here that reads process.env.
import path from 'node:path'
import { Ed25519PublicKey, KeyId } from '@darwaza/contracts/department-protocol/signatures-schema'
import { z } from 'zod'

const repoRoot = path.resolve(import.meta.dirname, '../../..')

/** "keyId=publicKey,keyId=publicKey": the gateway keys whose signatures the departments accept. */
const GatewayKeys = z
  .string()
  .min(1, 'list at least one gateway key as keyId=publicKey')
  .transform((value, context) => {
    const keys = new Map<string, string>()
    for (const pair of value.split(',')) {
      const [keyId = '', publicKey = ''] = pair.trim().split('=')
      if (!KeyId.safeParse(keyId).success || !Ed25519PublicKey.safeParse(publicKey).success) {
        context.addIssue({ code: 'custom', message: `"${pair.trim()}" is not keyId=<Ed25519 public key, base64url>` })
        return z.NEVER
      }
      keys.set(keyId, publicKey)
    }
    return keys
  })

const Schema = z.object({
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Traffic Police listens here; the other five departments on the next five ports. */
  DEPARTMENTS_FIRST_PORT: z.coerce.number().int().min(0).max(65529).default(4101),
  DEPARTMENTS_DATA_DIR: z.string().min(1).default(path.join(repoRoot, 'data/departments')),
  GATEWAY_KEYS: GatewayKeys,
  /** Where status callbacks go. */
  GATEWAY_URL: z.url().default('http://127.0.0.1:4000'),
  /** One Ed25519 private key per department (<code>.pem), made on first start if missing. */
  DEPARTMENT_KEYS_DIR: z.string().min(1).default(path.join(repoRoot, 'data/departments/keys')),
  /** Password of each department's officer page (/officer, user "officer"). */
  OFFICER_PASSWORD: z.string().min(12, 'must be at least 12 characters').default('darwaza-officer-demo'),
})

export function loadDepartmentsConfig(source: Record<string, string | undefined> = process.env) {
  const parsed = Schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new Error(`Invalid department configuration:\n${problems.join('\n')}`)
  }
  return parsed.data
}
