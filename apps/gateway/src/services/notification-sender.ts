// Sends the notification outbox through the SMS and e-mail providers. A status change never waits
// for a message: the message is written with the change and sent here, retried with backoff when the
// provider fails, and given up (dead) after the last attempt. Claims use the same compare-and-set
// lease as deliveries, so several gateway processes never send one message twice at once.
import type { Db } from '@darwaza/db'
import { retryDelayMs, type BackoffPolicy } from '../domain/delivery-policy.ts'
import type { EmailSender, SmsSender } from '../domain/ports.ts'

export interface NotificationSender {
  runOnce(): Promise<number>
  start(intervalMs: number): void
  stop(): Promise<void>
}

export function createNotificationSender(options: {
  db: Db
  sms: SmsSender
  email: EmailSender
  now?: () => Date
  maxAttempts: number
  backoff: BackoffPolicy
  log?: { warn(data: object, message?: string): void }
}): NotificationSender {
  const now = options.now ?? (() => new Date())
  const db = options.db
  const leaseMs = 60_000

  async function runOnce(): Promise<number> {
    const at = now()
    const due = await db.notification.findMany({
      where: { state: 'pending', nextAttemptAt: { lte: at }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }] },
      orderBy: { nextAttemptAt: 'asc' },
      take: 50,
      select: { id: true, channel: true, to: true, subject: true, body: true, attempts: true },
    })
    let sent = 0
    for (const message of due) {
      const claimed = await db.notification.updateMany({
        where: { id: message.id, state: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lt: at } }] },
        data: { lockedUntil: new Date(at.getTime() + leaseMs) },
      })
      if (claimed.count !== 1) continue
      const attempts = message.attempts + 1
      try {
        if (message.channel === 'email') await options.email.send(message.to, message.subject ?? '', message.body)
        else await options.sms.send(message.to, message.body)
        await db.notification.update({
          where: { id: message.id },
          data: { state: 'sent', sentAt: now(), attempts, lockedUntil: null, lastError: null },
        })
        sent++
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error)
        options.log?.warn(
          { notification: message.id, channel: message.channel, attempts, reason },
          'notification not sent',
        )
        await db.notification.update({
          where: { id: message.id },
          data:
            attempts >= options.maxAttempts
              ? { state: 'dead', attempts, lockedUntil: null, lastError: reason.slice(0, 500) }
              : {
                  attempts,
                  lockedUntil: null,
                  lastError: reason.slice(0, 500),
                  nextAttemptAt: new Date(now().getTime() + retryDelayMs(attempts, options.backoff)),
                },
        })
      }
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
          .catch((error: unknown) => options.log?.warn({ err: String(error) }, 'notification round failed'))
          .finally(() => {
            if (!stopped) timer = setTimeout(tick, intervalMs)
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
