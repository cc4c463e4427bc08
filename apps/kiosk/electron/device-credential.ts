// The kiosk's device credential: obtained once by enrolment, kept by the main process only (encrypted
// with the operating system's key store through safeStorage), attached to requests to the gateway's
// origin and nowhere else, and dropped when the gateway says the kiosk was revoked.
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { originOf } from './policy.ts'

export const credentialHeader = 'x-darwaza-kiosk'
const requestTimeoutMs = 10_000

export interface Encryption {
  encrypt(plain: string): Buffer
  decrypt(sealed: Buffer): string
}

export interface CredentialVault {
  read(): string | null
  write(credential: string): void
  clear(): void
}

/**
 * A vault in one file, readable by the kiosk's OS user only. Without OS encryption the credential is
 * kept in memory for this run only in production, and in plain text (mode 0600) in development.
 */
export function fileVault(file: string, encryption: Encryption | null, production: boolean): CredentialVault {
  let memory: string | null = null
  return {
    read() {
      if (memory) return memory
      if (!existsSync(file)) return null
      const stored = readFileSync(file)
      return encryption ? encryption.decrypt(stored) : stored.toString('utf8')
    },
    write(credential) {
      memory = credential
      if (!encryption && production) return
      writeFileSync(file, encryption ? encryption.encrypt(credential) : credential, { mode: 0o600 })
      chmodSync(file, 0o600)
    },
    clear() {
      memory = null
      rmSync(file, { force: true })
    },
  }
}

async function callGateway(gatewayOrigin: string, procedure: string, body: unknown, credential?: string) {
  const response = await fetch(`${gatewayOrigin}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(credential ? { [credentialHeader]: credential } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(requestTimeoutMs),
  })
  const answer = (await response.json()) as {
    result?: { data?: unknown }
    error?: { message?: string; data?: { code?: string } }
  }
  return { ok: response.ok, answer }
}

export async function enrol(
  gatewayOrigin: string,
  enrolmentCode: string,
): Promise<{ kioskId: string; credential: string }> {
  const { ok, answer } = await callGateway(gatewayOrigin, 'kiosks.enrol', { enrolmentCode })
  const data = answer.result?.data as { kioskId?: unknown; credential?: unknown } | undefined
  if (!ok || typeof data?.kioskId !== 'string' || typeof data.credential !== 'string') {
    throw new Error(answer.error?.message ?? 'the gateway did not accept the enrolment code')
  }
  return { kioskId: data.kioskId, credential: data.credential }
}

export async function heartbeat(gatewayOrigin: string, credential: string): Promise<'ok' | 'revoked' | 'unreachable'> {
  try {
    const { ok, answer } = await callGateway(gatewayOrigin, 'kiosks.heartbeat', {}, credential)
    if (ok) return 'ok'
    return answer.error?.data?.code === 'KIOSK_NOT_ENROLLED' ? 'revoked' : 'unreachable'
  } catch {
    return 'unreachable'
  }
}

/** The header to add to a request, only when it goes to the gateway's own origin. */
export function credentialHeadersFor(
  url: string,
  gatewayOrigin: string,
  credential: string | null,
): Record<string, string> {
  return credential && originOf(url) === originOf(gatewayOrigin) ? { [credentialHeader]: credential } : {}
}
