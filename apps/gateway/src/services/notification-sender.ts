// Sends the notification outbox through the SMS and e-mail providers. A status change never waits
// for a message: the message is written with the change and sent here, retried with backoff when the
// provider fails, and given up (dead) after the last attempt.
//
// Several gateway processes may run senders at once; no message is sent by two of them at the same
// time. Each message is claimed alone, with a compare-and-set lease, just before it is sent; the lease
// is renewed while a slow provider is still sending; and what is written after the send is a
// compare-and-set on the lease, so a sender that lost it changes nothing. (The lease's end time is
// the token: every claim and renewal sets a later one.)
import type { Db } from '@darwaza/db'
import { retryDelayMs, type BackoffPolicy } from '../domain/delivery-policy.ts'
import type { EmailSender, SmsSender } from '../domain/ports.ts'
import { claimOneDue } from '../persistence/due-claims.ts'

export interface NotificationSender {
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

interface Claimed {
  id: string
  channel: string
  to: string
  subject: string | null
  body: string
  attempts: number
  lockedUntil: Date
}

export function createNotificationSender(options: {
  db: Db
  sms: SmsSender
  email: EmailSender
  now?: () => Date
  maxAttempts: number
  backoff: BackoffPolicy
  /** How long a claimed message is reserved; renewed every third of it while its send is under way. */
  leaseMs?: number
  /** The most messages one round sends. */
  batchSize?: number
  log?: { warn(data: object, message?: string): void }
}): NotificationSender {
  const now = options.now ?? (() => new Date())
  const db = options.db
  const leaseMs = options.leaseMs ?? 60_000
  const batchSize = options.batchSize ?? 50

  /** Claims one due message, skipping those this round already tried; null when none is free. */
  async function claimNext(skip: readonly string[]): Promise<Claimed | null> {
    const claimed = await claimOneDue({
      now,
      skip,
      findDue: (where, take) =>
        db.notification.findMany({
          where,
          orderBy: { nextAttemptAt: 'asc' },
          take,
          select: { id: true, channel: true, to: true, subject: true, body: true, attempts: true },
        }),
      take: async (where, claimedAt) => {
        const lockedUntil = new Date(claimedAt.getTime() + leaseMs)
        return (await db.notification.updateMany({ where, data: { lockedUntil } })).count === 1
      },
    })
    return claimed ? { ...claimed.row, lockedUntil: new Date(claimed.claimedAt.getTime() + leaseMs) } : null
  }

  /** Keeps renewing a claimed message's lease until stopped; stop() gives the lease held then, or null if lost. */
  function keepLease(id: string, first: Date) {
    let current: Date | null = first
    let renewing = Promise.resolve()
    const renew = async () => {
      if (!current) return
      const next = new Date(Math.max(now().getTime() + leaseMs, current.getTime() + 1))
      try {
        const renewed = await db.notification.updateMany({
          where: { id, state: 'pending', lockedUntil: current },
          data: { lockedUntil: next },
        })
        current = renewed.count === 1 ? next : null
      } catch (error) {
        // Tried again at the next tick; if the database stays away the lease runs out.
        options.log?.warn({ notification: id, err: String(error) }, 'notification lease not renewed')
      }
    }
    const timer = setInterval(
      () => {
        renewing = renewing.then(renew)
      },
      Math.max(1, Math.floor(leaseMs / 3)),
    )
    timer.unref()
    return {
      async stop(): Promise<Date | null> {
        clearInterval(timer)
        await renewing
        return current
      },
    }
  }

  /** Sends one claimed message and records the outcome; true when it was sent. */
  async function deliver(message: Claimed): Promise<boolean> {
    const attempts = message.attempts + 1
    const lease = keepLease(message.id, message.lockedUntil)
    let failure: string | undefined
    try {
      if (message.channel === 'email') await options.email.send(message.to, message.subject ?? '', message.body)
      else await options.sms.send(message.to, message.body)
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error)
    }
    const lockedUntil = await lease.stop()
    const recorded =
      lockedUntil !== null &&
      (
        await db.notification.updateMany({
          where: { id: message.id, state: 'pending', lockedUntil },
          data:
            failure === undefined
              ? { state: 'sent', sentAt: now(), attempts, lockedUntil: null, lastError: null }
              : attempts >= options.maxAttempts
                ? { state: 'dead', attempts, lockedUntil: null, lastError: failure.slice(0, 500) }
                : {
                    attempts,
                    lockedUntil: null,
                    lastError: failure.slice(0, 500),
                    nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, options.backoff)),
                  },
        })
      ).count === 1
    if (failure !== undefined) {
      options.log?.warn(
        { notification: message.id, channel: message.channel, attempts, reason: failure },
        'notification not sent',
      )
    }
    if (!recorded) {
      options.log?.warn(
        { notification: message.id, channel: message.channel },
        'notification outcome not recorded: its lease was lost while it was being sent',
      )
    }
    return failure === undefined
  }

  async function runOnce(): Promise<number> {
    const tried: string[] = []
    let sent = 0
    while (tried.length < batchSize) {
      const message = await claimNext(tried)
      if (!message) break
      tried.push(message.id)
      if (await deliver(message)) sent++
    }
    return sent
  }

  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined
  let stopped = false
  return {
    runOnce,
    start(intervalMs) {
      stopped = false
      const tick = () => {
        if (stopped) return
        running = runOnce()
          .catch((error: unknown) => {
            options.log?.warn({ err: String(error) }, 'notification round failed')
            return 0
          })
          .then((sent) => {
            // A full round means more is waiting: go on at once.
            if (!stopped) timer = setTimeout(tick, sent >= batchSize ? 0 : intervalMs)
          })
      }
      timer = setTimeout(tick, 0)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await running
    },
  }
}
