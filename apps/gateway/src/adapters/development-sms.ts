import type { Db } from '@darwaza/db'
import type { SmsSender } from '../domain/ports.ts'

/** Keeps messages in the database (DevSmsMessage) instead of sending them, so the demo and tests can read them. */
export function createDevelopmentSms(db: Db): SmsSender {
  return {
    async send(to, body) {
      await db.devSmsMessage.create({ data: { to, body } })
    },
  }
}

export async function latestDevelopmentSms(db: Db, to: string): Promise<string | null> {
  const message = await db.devSmsMessage.findFirst({
    where: { to },
    orderBy: { createdAt: 'desc' },
    select: { body: true },
  })
  return message?.body ?? null
}
