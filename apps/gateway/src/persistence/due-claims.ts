// Claiming work from a table that several processes share (the delivery outbox, the notification
// outbox): one due, unleased row at a time, by a compare-and-set that only one process's update can
// match, with a lease that starts at the moment of the claim.

/** A row that is waiting, due now, and held by nobody (or by someone whose lease ran out). */
export function dueAndFree(at: Date) {
  return {
    state: 'pending' as const,
    nextAttemptAt: { lte: at },
    OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }],
  }
}

/** How many due rows are looked at per try; others may take some of them first. */
const candidatesPerTry = 10

/**
 * Finds due, free rows (oldest first, skipping `skip`) and takes the first one whose compare-and-set
 * succeeds; looks again a few times when others took every candidate. Null when nothing is free.
 */
export async function claimOneDue<Row extends { id: string }>(options: {
  now: () => Date
  skip: readonly string[]
  /** The due, free rows at `at`, by the filter given, `take` at most. */
  findDue: (where: ReturnType<typeof dueAndFree> & { id?: { notIn: string[] } }, take: number) => Promise<Row[]>
  /** The compare-and-set: true when this process's update matched the row, due and free at `claimedAt`. */
  take: (where: ReturnType<typeof dueAndFree> & { id: string }, claimedAt: Date) => Promise<boolean>
}): Promise<{ row: Row; claimedAt: Date } | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const at = options.now()
    const skip = options.skip.length > 0 ? { id: { notIn: [...options.skip] } } : {}
    const candidates = await options.findDue({ ...dueAndFree(at), ...skip }, candidatesPerTry)
    if (candidates.length === 0) return null
    for (const row of candidates) {
      // The lease starts now, not when the search started, so it is as long as promised.
      const claimedAt = options.now()
      if (await options.take({ id: row.id, ...dueAndFree(claimedAt) }, claimedAt)) return { row, claimedAt }
    }
  }
  return null
}
