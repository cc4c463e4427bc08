// What every benchmark needs around the real parts: a scratch folder, the gateway's signing key,
// fresh migrated databases (SQLite file or a PostgreSQL database of our own), free loopback ports,
// and signed-in citizens.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import {
  generateSigningKeyPair,
  loadPrivateKey,
  signRequest,
  type SigningIdentity,
} from '@darwaza/contracts/department-protocol/signatures'
import { protocolVersion, requestHeaders } from '@darwaza/contracts/department-protocol/v1'
import { createDb, type Db } from '@darwaza/db'
import { departmentSigner } from '@darwaza/departments/department-keys'
import { deployMigrations } from '@darwaza/db/migrate'
import Database from 'better-sqlite3'
import pg from 'pg'
import { benchEnv } from '../env.ts'

export type DatabaseKind = 'sqlite' | 'postgresql'

export const scratch = mkdtempSync(path.join(os.tmpdir(), 'darwaza-bench-'))
const postgresDatabases: string[] = []
let counter = 0

/** A new folder inside the run's scratch folder. */
export function folder(name: string): string {
  return mkdtempSync(path.join(scratch, `${name}-`))
}

/** The gateway key every bench gateway signs with; bench departments trust it. */
const key = generateSigningKeyPair('darwaza-bench-gateway')
export const gatewaySigner: SigningIdentity = { keyId: key.keyId, privateKey: loadPrivateKey(key.privateKeyPem) }
export const gatewayKeys: [string, string][] = [[key.keyId, key.publicKey]]
const keyFile = path.join(scratch, 'gateway-signing-key.pem')
writeFileSync(keyFile, key.privateKeyPem, { mode: 0o600 })

/** The environment of a bench gateway: production-like, on loopback, logging to its own file. */
export function gatewayEnv(databaseUrl: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    DARWAZA_SECRET: 'bench-secret-bench-secret-bench-secret-0123456789',
    DATABASE_URL: databaseUrl,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'info',
    GATEWAY_SIGNING_KEY_FILE: keyFile,
    GATEWAY_SIGNING_KEY_ID: key.keyId,
    DOCUMENTS_DIR: path.join(scratch, 'documents'),
    ...extra,
  }
}

export async function postgresAvailable(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: benchEnv.postgresAdminUrl, connectionTimeoutMillis: 3000 })
  try {
    await admin.connect()
    return true
  } catch {
    return false
  } finally {
    await admin.end().catch(() => undefined)
  }
}

/**
 * A fresh, migrated database, and a client for the bench's own checks. `sqliteWal` switches a SQLite
 * file to the WAL journal (a property of the file, kept by every later connection) before first use.
 */
export async function freshDatabase(
  kind: DatabaseKind,
  options: { sqliteWal?: boolean } = {},
): Promise<{ url: string; db: Db }> {
  let url: string
  if (kind === 'sqlite') {
    url = `file:${path.join(folder('sqlite'), 'darwaza.db')}`
  } else {
    const name = `darwaza_bench_${process.pid}_${++counter}`
    const admin = new pg.Client({ connectionString: benchEnv.postgresAdminUrl })
    await admin.connect()
    try {
      await admin.query(`CREATE DATABASE ${name}`)
    } finally {
      await admin.end()
    }
    postgresDatabases.push(name)
    const parsed = new URL(benchEnv.postgresAdminUrl)
    parsed.pathname = `/${name}`
    url = parsed.toString()
  }
  await deployMigrations(url)
  if (kind === 'sqlite' && options.sqliteWal) {
    const file = new Database(url.slice('file:'.length))
    file.pragma('journal_mode = WAL')
    file.close()
  }
  return { url, db: createDb(url) }
}

/** Drops the PostgreSQL databases this run made and removes the scratch folder. */
export async function cleanUp(): Promise<void> {
  if (postgresDatabases.length > 0) {
    const admin = new pg.Client({ connectionString: benchEnv.postgresAdminUrl })
    await admin.connect()
    try {
      for (const name of postgresDatabases) await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
    } finally {
      await admin.end()
    }
  }
  rmSync(scratch, { recursive: true, force: true })
}

function tryPort(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const server = createServer()
    server.once('error', () => resolve(null))
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      const taken = typeof address === 'object' && address ? address.port : 0
      server.close(() => resolve(taken))
    })
  })
}

/** A loopback port nothing listens on right now, to listen on at once. */
export async function freePort(): Promise<number> {
  const port = await tryPort(0)
  if (!port) throw new Error('no free loopback port')
  return port
}

/**
 * A loopback port to keep for later (a department that "comes back" minutes from now): taken below
 * Linux's ephemeral range (32768 and up), so no listener on port 0 and no outgoing connection gets it meanwhile.
 */
export async function portForLater(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await tryPort(20_000 + Math.floor(Math.random() * 12_000))
    if (port) return port
  }
  throw new Error('no free loopback port between 20000 and 32000')
}

/** Calls a tRPC procedure over HTTP as the kiosk does; throws on an error answer. */
export async function callGateway<T>(
  gatewayUrl: string,
  procedure: string,
  input: unknown,
  token?: string,
): Promise<T> {
  const response = await fetch(`${gatewayUrl}/trpc/${procedure}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(input),
  })
  const body = (await response.json()) as { result?: { data: T }; error?: { message: string } }
  if (!body.result) throw new Error(`${procedure}: ${body.error?.message ?? response.status}`)
  return body.result.data
}

/** Signs a citizen in with a one-time code read from the development SMS provider's table. */
export async function signInCitizen(
  gatewayUrl: string,
  db: Db,
  person: { identityNumber: string; phone: string },
): Promise<string> {
  const { challengeId } = await callGateway<{ challengeId: string }>(gatewayUrl, 'identity.requestCode', {
    identityNumber: person.identityNumber,
  })
  const message = await db.devSmsMessage.findFirst({
    where: { to: person.phone },
    orderBy: { createdAt: 'desc' },
    select: { body: true },
  })
  const code = message?.body.match(/\b(\d{6})\b/)?.[1]
  if (!code) throw new Error(`no code was sent to ${person.phone}`)
  const { token } = await callGateway<{ token: string }>(gatewayUrl, 'identity.verifyCode', { challengeId, code })
  return token
}

/** A department's own signing key, made before it starts, to register with the gateway (as the demo does). */
export function departmentKey(keysDir: string, code: string): { keyId: string; publicKey: string } {
  const signer = departmentSigner(keysDir, code)
  return { keyId: signer.keyId, publicKey: signer.publicKey }
}

/** A request to a department signed as the gateway signs it, for measuring the department directly. */
export async function signedAsGateway(url: string, body: string, requestId: string) {
  const headers = await signRequest(
    {
      method: 'POST',
      url,
      headers: {
        accept: 'application/json',
        'content-type': 'application/json',
        [requestHeaders.requestId]: requestId,
        [requestHeaders.protocolVersion]: protocolVersion,
      },
      body,
    },
    gatewaySigner,
  )
  return { headers, body }
}
