// `pnpm --filter @darwaza/gateway audit:verify`: checks the whole audit chain of DATABASE_URL and
// reports the first broken link. Exits 1 when the chain is broken.
import { createDb, redactUrl } from '@darwaza/db'
import { loadConfig } from './env.ts'
import { verifyAuditLog } from './persistence/audit-log.ts'

const config = loadConfig()
const db = createDb(config.databaseUrl)
const verdict = await verifyAuditLog(db)
await db.$disconnect()
if (verdict.ok) {
  console.log(`Audit log of ${redactUrl(config.databaseUrl)} verified: ${verdict.entries} entries, chain intact.`)
} else {
  console.error(`Audit log BROKEN at entry ${verdict.sequence}: ${verdict.problem}.`)
  process.exitCode = 1
}
