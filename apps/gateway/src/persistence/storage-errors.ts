// Tells apart "the database cannot be used right now" (unreachable, restarting, disk full, read-only)
// from every other failure, so a citizen hears "nothing was saved, try again in a moment" rather
// than a generic error. Reads the error shapes of Prisma, its driver adapters, pg and better-sqlite3.

/** SQLite result codes that mean the storage itself is unusable, not that the request was wrong. */
const sqliteStorageCodes = new Set([
  'SQLITE_FULL',
  'SQLITE_IOERR',
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
  'SQLITE_PROTOCOL',
  'SQLITE_NOMEM',
])

/** Prisma's codes for a database it cannot reach or that stopped answering. */
const prismaStorageCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024'])

/** Node's socket errors on the way to the database. */
const socketCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND'])

/** PostgreSQL SQLSTATE classes: 08 connection exception, 53 insufficient resources, 57P operator intervention. */
function isPostgresStorageState(code: string): boolean {
  return /^(08|53)[0-9A-Z]{3}$/.test(code) || /^57P0[1-4]$/.test(code)
}

const storageMessages = [
  /database or disk is full/i,
  /connection (error|terminated)|not queryable|server closed the connection|terminating connection/i,
  /the database system is (shutting down|starting up|in recovery mode)/i,
  /Code: `(57P0[1-4]|08\d{3}|53\d{3}|SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY))`/,
]

function codesOf(error: Record<string, unknown>): string[] {
  const meta = error.meta as { driverAdapterError?: { cause?: Record<string, unknown> } } | undefined
  const adapterCause = meta?.driverAdapterError?.cause ?? {}
  return [error.code, error.errno, adapterCause.originalCode, adapterCause.code].filter(
    (code): code is string => typeof code === 'string',
  )
}

export function isStorageUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false
  const record = error as Record<string, unknown>
  for (const code of codesOf(record)) {
    if (sqliteStorageCodes.has(code) || prismaStorageCodes.has(code) || socketCodes.has(code)) return true
    if (isPostgresStorageState(code)) return true
  }
  const message = typeof record.message === 'string' ? record.message : ''
  if (storageMessages.some((pattern) => pattern.test(message))) return true
  return isStorageUnavailable(record.cause, depth + 1)
}
