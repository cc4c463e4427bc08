// Appends to and verifies the hash-chained audit log. Appends happen inside the transaction of the
// change they record, so an action and its audit entry are committed together or not at all.
import type { Db, Prisma, Provider } from '@darwaza/db'
import { auditHash, genesisHash, verifyChain, type AuditEntry, type ChainVerdict } from '../domain/audit-chain.ts'

export type Tx = Prisma.TransactionClient

export interface AuditRecord {
  event: string
  /** "citizen:<id>", "staff:<id>", "kiosk:<id>" or "system". */
  actor: string
  onBehalfOf?: string | null
  device?: string | null
  reason?: string | null
  data: Prisma.InputJsonObject
}

/** Arbitrary constant naming the audit chain's lock in PostgreSQL. */
const auditLockKey = 7_157_001

export async function appendAudit(tx: Tx, provider: Provider, record: AuditRecord, now = new Date()): Promise<void> {
  // Appends must be strictly serial or two entries would claim the same predecessor. SQLite allows one
  // writer at a time already; PostgreSQL needs a transaction-scoped lock.
  if (provider === 'postgresql') await tx.$executeRaw`SELECT pg_advisory_xact_lock(${auditLockKey})`
  const last = await tx.auditEvent.findFirst({ orderBy: { sequence: 'desc' }, select: { sequence: true, hash: true } })
  const content = {
    sequence: (last?.sequence ?? 0) + 1,
    event: record.event,
    actor: record.actor,
    onBehalfOf: record.onBehalfOf ?? null,
    device: record.device ?? null,
    reason: record.reason ?? null,
    data: record.data,
    at: now,
  }
  const prevHash = last?.hash ?? genesisHash
  await tx.auditEvent.create({ data: { ...content, prevHash, hash: auditHash(content, prevHash) } })
}

/** Verifies the whole chain, a page at a time; reports the first broken link. */
export async function verifyAuditLog(db: Db, pageSize = 1000): Promise<ChainVerdict> {
  let start = { sequence: 0, hash: genesisHash }
  let total = 0
  for (;;) {
    const page: AuditEntry[] = await db.auditEvent.findMany({
      where: { sequence: { gt: start.sequence } },
      orderBy: { sequence: 'asc' },
      take: pageSize,
    })
    if (page.length === 0) return { ok: true, entries: total }
    const verdict = verifyChain(page, start)
    if (!verdict.ok) return verdict
    total += verdict.entries
    const last = page[page.length - 1]
    if (!last) return { ok: true, entries: total }
    start = { sequence: last.sequence, hash: last.hash }
  }
}
