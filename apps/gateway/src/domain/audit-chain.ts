// The audit log is a hash chain: each entry's hash covers its own content and the previous entry's
// hash, so changing, inserting or deleting any entry breaks every link after it.
import { createHash } from 'node:crypto'
import canonicalize from 'canonicalize'

export const genesisHash = '0'.repeat(64)

export interface AuditContent {
  sequence: number
  event: string
  actor: string
  onBehalfOf: string | null
  device: string | null
  reason: string | null
  data: unknown
  at: Date
}

export interface AuditEntry extends AuditContent {
  prevHash: string
  hash: string
}

export function auditHash(content: AuditContent, prevHash: string): string {
  const canonical = canonicalize({
    sequence: content.sequence,
    event: content.event,
    actor: content.actor,
    onBehalfOf: content.onBehalfOf,
    device: content.device,
    reason: content.reason,
    data: content.data,
    at: content.at.toISOString(),
    prevHash,
  })
  return createHash('sha256')
    .update(canonical ?? '')
    .digest('hex')
}

export type ChainVerdict =
  | { ok: true; entries: number }
  | { ok: false; sequence: number; problem: 'content changed' | 'link broken' | 'sequence gap' }

/** Walks entries in sequence order; reports the first entry that does not fit the chain. */
export function verifyChain(entries: Iterable<AuditEntry>, start = { sequence: 0, hash: genesisHash }): ChainVerdict {
  let expectedSequence = start.sequence + 1
  let prevHash = start.hash
  let count = 0
  for (const entry of entries) {
    if (entry.sequence !== expectedSequence) return { ok: false, sequence: expectedSequence, problem: 'sequence gap' }
    if (entry.prevHash !== prevHash) return { ok: false, sequence: entry.sequence, problem: 'link broken' }
    if (auditHash(entry, entry.prevHash) !== entry.hash) {
      return { ok: false, sequence: entry.sequence, problem: 'content changed' }
    }
    prevHash = entry.hash
    expectedSequence += 1
    count += 1
  }
  return { ok: true, entries: count }
}
