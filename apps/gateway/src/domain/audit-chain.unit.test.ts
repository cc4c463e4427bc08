import { describe, expect, it } from 'vitest'
import { auditHash, genesisHash, verifyChain, type AuditEntry } from './audit-chain.ts'

function chain(count: number): AuditEntry[] {
  const entries: AuditEntry[] = []
  let prevHash = genesisHash
  for (let sequence = 1; sequence <= count; sequence++) {
    const content = {
      sequence,
      event: 'citizen.signed_in',
      actor: `citizen:${sequence}`,
      onBehalfOf: null,
      device: 'kiosk:k1',
      reason: null,
      data: { n: sequence, nested: { b: 1, a: [1, 2] } },
      at: new Date(Date.UTC(2026, 10, 22, 10, 0, sequence)),
    }
    const hash = auditHash(content, prevHash)
    entries.push({ ...content, prevHash, hash })
    prevHash = hash
  }
  return entries
}

describe('audit hash chain', () => {
  it('verifies an intact chain', () => {
    expect(verifyChain(chain(5))).toEqual({ ok: true, entries: 5 })
  })

  it('does not depend on the order of keys in the data', () => {
    const [entry] = chain(1)
    if (!entry) throw new Error('empty chain')
    expect(auditHash({ ...entry, data: { nested: { a: [1, 2], b: 1 }, n: 1 } }, genesisHash)).toBe(entry.hash)
  })

  it('names the first entry whose content changed', () => {
    const entries = chain(5)
    entries[2] = { ...entries[2]!, data: { n: 999 } }
    expect(verifyChain(entries)).toEqual({ ok: false, sequence: 3, problem: 'content changed' })
  })

  it('catches an entry rewritten with a fresh hash, at the link after it', () => {
    const entries = chain(5)
    const forged = { ...entries[1]!, actor: 'staff:intruder' }
    entries[1] = { ...forged, hash: auditHash(forged, forged.prevHash) }
    expect(verifyChain(entries)).toEqual({ ok: false, sequence: 3, problem: 'link broken' })
  })

  it('catches a deleted entry', () => {
    const entries = chain(5)
    entries.splice(3, 1)
    expect(verifyChain(entries)).toEqual({ ok: false, sequence: 4, problem: 'sequence gap' })
  })
})
