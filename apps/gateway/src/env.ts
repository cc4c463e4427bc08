// The gateway's configuration: the only module that reads process.env. Validated once at start;
// a bad value stops the gateway with a message naming the variable and the reason.
import path from 'node:path'
import { z } from 'zod'

const repoRoot = path.resolve(import.meta.dirname, '../../..')

const port = z.coerce.number().int().min(0).max(65535)
const milliseconds = z.coerce.number().int().positive().max(600_000)

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
  SHUTDOWN_GRACE_MS: milliseconds.default(10_000),
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
}

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
  return {
    databaseUrl: env.DATABASE_URL,
    host: env.HOST,
    port: env.PORT,
    logLevel: env.LOG_LEVEL,
    webRoot: env.WEB_ROOT ? path.resolve(env.WEB_ROOT) : undefined,
    corsOrigins: env.CORS_ORIGINS,
    lookupDeadlineMs: env.LOOKUP_DEADLINE_MS,
    shutdownGraceMs: env.SHUTDOWN_GRACE_MS,
  }
}
