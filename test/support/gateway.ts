import { appendFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { generateSigningKeyPair } from '@darwaza/contracts/department-protocol/signatures'
import { createTRPCClient, httpLink } from '@trpc/client'
import type { AppRouter } from '@darwaza/gateway/router'
import { loadConfig } from '@darwaza/gateway/env'
import { startGateway, type RunningGateway } from '@darwaza/gateway/start'
import { scratchFolder } from './databases.ts'
import { newLogFile, recordingFetch } from './secrets.ts'

/** The gateway signing key every test gateway uses; reference departments in tests trust it. */
const testGatewayKey = generateSigningKeyPair('darwaza-test-gateway')
export const testGatewayKeys: ReadonlyMap<string, string> = new Map([[testGatewayKey.keyId, testGatewayKey.publicKey]])
let testGatewayKeyFile: string | undefined
function gatewayKeyFile(): string {
  if (!testGatewayKeyFile) {
    testGatewayKeyFile = path.join(scratchFolder(), 'gateway-signing-key.pem')
    writeFileSync(testGatewayKeyFile, testGatewayKey.privateKeyPem, { mode: 0o600 })
  }
  return testGatewayKeyFile
}

/** The environment that makes a gateway process sign with the test key the test departments trust. */
export function testGatewaySigningEnv(): Record<string, string> {
  return { GATEWAY_SIGNING_KEY_FILE: gatewayKeyFile(), GATEWAY_SIGNING_KEY_ID: testGatewayKey.keyId }
}

export type GatewayClient = ReturnType<typeof createTRPCClient<AppRouter>>

export interface Credentials {
  token?: string
  kioskCredential?: string
}

export interface TestGateway extends RunningGateway {
  client: GatewayClient
  /** A client that presents a session token and/or a kiosk's device credential, as the kiosk shell would. */
  clientAs(credentials: Credentials): GatewayClient
  /** Every JSON log line the gateway wrote so far. */
  logs(): Record<string, unknown>[]
}

/** A real gateway on a random loopback port, configured through the same env parsing as production. */
export async function startTestGateway(env: Record<string, string>): Promise<TestGateway> {
  const stream = new PassThrough()
  const lines: string[] = []
  let partial = ''
  const logFile = newLogFile('gateway')
  stream.on('data', (chunk: Buffer) => {
    appendFileSync(logFile, chunk)
    const parts = (partial + chunk.toString('utf8')).split('\n')
    partial = parts.pop() ?? ''
    lines.push(...parts.filter(Boolean))
  })
  const config = loadConfig({
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    GATEWAY_SIGNING_KEY_FILE: gatewayKeyFile(),
    GATEWAY_SIGNING_KEY_ID: testGatewayKey.keyId,
    DOCUMENTS_DIR: path.join(scratchFolder(), 'documents'),
    ...env,
  })
  const gateway = await startGateway(config, { logStream: stream })
  return {
    ...gateway,
    client: createTRPCClient<AppRouter>({ links: [httpLink({ url: `${gateway.url}/trpc`, fetch: recordingFetch })] }),
    clientAs: (credentials) =>
      createTRPCClient<AppRouter>({
        links: [
          httpLink({
            url: `${gateway.url}/trpc`,
            fetch: recordingFetch,
            headers: () => ({
              ...(credentials.token ? { authorization: `Bearer ${credentials.token}` } : {}),
              ...(credentials.kioskCredential ? { 'x-darwaza-kiosk': credentials.kioskCredential } : {}),
            }),
          }),
        ],
      }),
    logs: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}

export interface LookupOverHttp {
  status: number
  text: string
  body: {
    result?: { data: { outcome: string } }
    error?: { message: string; data: { code: string } & Record<string, unknown> }
  }
  headers: Headers
  tookMs: number
}

/** An e-challan look-up as a screen sends it, over plain HTTP, with what came back and how long it took. */
export async function eChallanLookup(
  gatewayUrl: string,
  query: unknown,
  headers: Record<string, string> = {},
): Promise<LookupOverHttp> {
  const began = Date.now()
  const response = await fetch(`${gatewayUrl}/trpc/lookups.perform`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ service: 'echallan-verification', query }),
  })
  const text = await response.text()
  return {
    status: response.status,
    text,
    body: JSON.parse(text) as LookupOverHttp['body'],
    headers: response.headers,
    tookMs: Date.now() - began,
  }
}
