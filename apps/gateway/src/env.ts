// The gateway's configuration: the only module that reads process.env. Validated once at start;
// a bad value stops the gateway with a message naming the variable and the reason.
import path from 'node:path'
import { z } from 'zod'
import {
  identityNumberFormats,
  type IdentityNumberFormat,
  type IdentityNumberFormatId,
} from './domain/identity-number.ts'
import type { SessionLifetimes } from './domain/session-policy.ts'

const repoRoot = path.resolve(import.meta.dirname, '../../..')

const port = z.coerce.number().int().min(0).max(65535)
const milliseconds = z.coerce.number().int().positive().max(600_000)
const seconds = z.coerce
  .number()
  .int()
  .positive()
  .max(7 * 24 * 3600)
const identityNumberFormatIds = Object.keys(identityNumberFormats) as [
  IdentityNumberFormatId,
  ...IdentityNumberFormatId[],
]

const ConfigSchema = z.object({
  DATABASE_URL: z
    .string()
    .regex(/^(file:|postgres(ql)?:\/\/)/, 'must be file:<path> (SQLite) or postgresql://… (PostgreSQL)')
    .default(`file:${path.join(repoRoot, 'data/darwaza.db')}`),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port.default(4000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Folder of the built web view (apps/kiosk/dist) to serve at /; unset serves none. */
  WEB_ROOT: z.string().min(1).optional(),
  /** Origins other than the gateway's own allowed to call it from a browser, e.g. the kiosk shell's app://kiosk. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^[a-z][a-z0-9+.-]*:\/\/[^/\s]+$/, 'each origin is scheme://host[:port]'))),
  LOOKUP_DEADLINE_MS: milliseconds.default(3000),
  NODE_ENV: z.enum(['production', 'development', 'test']).default('development'),
  /** Keys the HMAC of one-time codes. Must be set (32+ characters) in production. */
  DARWAZA_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  IDENTITY_NUMBER_FORMAT: z.enum(identityNumberFormatIds).default('pk-cnic'),
  KIOSK_SESSION_IDLE_SECONDS: seconds.default(180),
  WEB_SESSION_IDLE_SECONDS: seconds.default(1800),
  STAFF_SESSION_IDLE_SECONDS: seconds.default(1800),
  SESSION_ABSOLUTE_SECONDS: seconds.default(12 * 3600),
  ASSISTED_SESSION_SECONDS: seconds.default(1800),
  /** Whether a clerk may start an assisted session on a checked ID card instead of the citizen's code. */
  ALLOW_ID_CARD_CONSENT: z.enum(['true', 'false']).default('false'),
  SMS_PROVIDER: z.enum(['development']).default('development'),
  POPULATION_REGISTRY: z.enum(['development']).default('development'),
  SHUTDOWN_GRACE_MS: milliseconds.default(10_000),
  /** The gateway's Ed25519 private key (PKCS#8 PEM file) that signs every request to departments. */
  GATEWAY_SIGNING_KEY_FILE: z.string().min(1).optional(),
  GATEWAY_SIGNING_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9._:-]{1,80}$/, 'is 1 to 80 letters, digits, dots, colons, hyphens or underscores')
    .default('darwaza-gateway-1'),
  /** Where uploaded documents are kept (content-addressed), and the largest accepted file. */
  DOCUMENTS_DIR: z.string().min(1).default(path.join(repoRoot, 'data/documents')),
  DOCUMENT_MAX_BYTES: z.coerce.number().int().min(1024).max(52_428_800).default(5_242_880),
  /** The address citizens reach the gateway at; receipts' QR codes point there. */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Whether this process runs the outbox delivery worker (several may, on PostgreSQL). */
  DELIVERY_WORKER: z.enum(['on', 'off']).default('on'),
  DELIVERY_INTERVAL_MS: milliseconds.default(1000),
  /** How often departments that cannot call back are asked for status changes. */
  STATUS_POLL_INTERVAL_MS: milliseconds.default(60_000),
  DELIVERY_TIMEOUT_MS: milliseconds.default(10_000),
  /**
   * How long a worker holds an entry (or a message) it took: another process may take it after
   * that, e.g. when the first one died. Default: 30 s, or three times the delivery timeout.
   */
  DELIVERY_LEASE_MS: milliseconds.optional(),
  DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
  DELIVERY_BACKOFF_BASE_MS: milliseconds.default(2000),
  DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().positive().max(86_400_000).default(3_600_000),
  /** Consecutive failures that open a department's circuit, and how long it stays open. */
  CIRCUIT_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  CIRCUIT_HALF_OPEN_MS: milliseconds.default(30_000),
  /** How long the conformance check waits for each answer from a department's endpoint. */
  CONFORMANCE_TIMEOUT_MS: milliseconds.default(5000),
  /** How often a waiting hall's display is brought up to date (it reads the shared database). */
  HALL_BOARD_REFRESH_MS: z.coerce.number().int().min(200).max(60_000).default(1000),
  /** How long a saved, unfinished form is kept for the citizen to finish. */
  DRAFT_DAYS: z.coerce.number().int().min(1).max(90).default(7),
})

export type GatewayConfig = {
  databaseUrl: string
  host: string
  port: number
  logLevel: z.infer<typeof ConfigSchema>['LOG_LEVEL']
  webRoot: string | undefined
  corsOrigins: string[]
  lookupDeadlineMs: number
  shutdownGraceMs: number
  secret: string
  identityNumberFormat: IdentityNumberFormat
  sessions: SessionLifetimes
  assistedSessionSeconds: number
  allowIdCardConsent: boolean
  smsProvider: 'development'
  populationRegistry: 'development'
  production: boolean
  /** Undefined only outside production: the gateway then signs with a key made at start. */
  signingKeyFile: string | undefined
  signingKeyId: string
  conformanceTimeoutMs: number
  publicUrl: string
  documentsDir: string
  documentMaxBytes: number
  delivery: {
    worker: boolean
    intervalMs: number
    pollIntervalMs: number
    timeoutMs: number
    leaseMs: number
    maxAttempts: number
    backoff: { baseMs: number; maxMs: number }
  }
  circuit: { failures: number; halfOpenMs: number }
  hallBoardRefreshMs: number
  draftDays: number
}

/** Only for development and tests: a production gateway refuses to start without DARWAZA_SECRET. */
const developmentSecret = 'development-only-secret-do-not-use-in-production'

export class ConfigError extends Error {
  override name = 'ConfigError'
}

export function loadConfig(source: Record<string, string | undefined> = process.env): GatewayConfig {
  const parsed = ConfigSchema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`)
    throw new ConfigError(`Invalid gateway configuration:\n${problems.join('\n')}`)
  }
  const env = parsed.data
  if (env.NODE_ENV === 'production' && !env.DARWAZA_SECRET) {
    throw new ConfigError('Invalid gateway configuration:\n  DARWAZA_SECRET: must be set in production')
  }
  if (env.NODE_ENV === 'production' && !env.GATEWAY_SIGNING_KEY_FILE) {
    throw new ConfigError('Invalid gateway configuration:\n  GATEWAY_SIGNING_KEY_FILE: must be set in production')
  }
  const leaseMargin = Math.max(100, Math.ceil(env.DELIVERY_TIMEOUT_MS / 4))
  if (env.DELIVERY_LEASE_MS !== undefined && env.DELIVERY_LEASE_MS < env.DELIVERY_TIMEOUT_MS + leaseMargin) {
    throw new ConfigError(
      `Invalid gateway configuration:\n  DELIVERY_LEASE_MS: must be at least DELIVERY_TIMEOUT_MS + ${leaseMargin} ms, or an entry could be sent by two workers at once`,
    )
  }
  return {
    databaseUrl: env.DATABASE_URL,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    webRoot: env.WEB_ROOT ? path.resolve(env.WEB_ROOT) : undefined,
    corsOrigins: env.CORS_ORIGINS,
    lookupDeadlineMs: env.LOOKUP_DEADLINE_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
    secret: env.DARWAZA_SECRET ?? developmentSecret,
    identityNumberFormat: identityNumberFormats[env.IDENTITY_NUMBER_FORMAT],
    sessions: {
      kioskIdleSeconds: env.KIOSK_SESSION_IDLE_SECONDS,
      webIdleSeconds: env.WEB_SESSION_IDLE_SECONDS,
      staffIdleSeconds: env.STAFF_SESSION_IDLE_SECONDS,
      absoluteSeconds: env.SESSION_ABSOLUTE_SECONDS,
    },
    assistedSessionSeconds: env.ASSISTED_SESSION_SECONDS,
    allowIdCardConsent: env.ALLOW_ID_CARD_CONSENT === 'true',
    smsProvider: env.SMS_PROVIDER,
    populationRegistry: env.POPULATION_REGISTRY,
    production: env.NODE_ENV === 'production',
    signingKeyFile: env.GATEWAY_SIGNING_KEY_FILE ? path.resolve(env.GATEWAY_SIGNING_KEY_FILE) : undefined,
    signingKeyId: env.GATEWAY_SIGNING_KEY_ID,
    conformanceTimeoutMs: env.CONFORMANCE_TIMEOUT_MS,
    publicUrl: (env.PUBLIC_URL ?? `http://${env.HOST}:${env.PORT}`).replace(/\/+$/, ''),
    documentsDir: path.resolve(env.DOCUMENTS_DIR),
    documentMaxBytes: env.DOCUMENT_MAX_BYTES,
    delivery: {
      worker: env.DELIVERY_WORKER === 'on',
      intervalMs: env.DELIVERY_INTERVAL_MS,
      pollIntervalMs: env.STATUS_POLL_INTERVAL_MS,
      timeoutMs: env.DELIVERY_TIMEOUT_MS,
      leaseMs: env.DELIVERY_LEASE_MS ?? Math.max(30_000, env.DELIVERY_TIMEOUT_MS * 3),
      maxAttempts: env.DELIVERY_MAX_ATTEMPTS,
      backoff: { baseMs: env.DELIVERY_BACKOFF_BASE_MS, maxMs: env.DELIVERY_BACKOFF_MAX_MS },
    },
    circuit: { failures: env.CIRCUIT_FAILURES, halfOpenMs: env.CIRCUIT_HALF_OPEN_MS },
    hallBoardRefreshMs: env.HALL_BOARD_REFRESH_MS,
    draftDays: env.DRAFT_DAYS,
  }
}
