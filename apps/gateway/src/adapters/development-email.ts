import type { Db } from '@darwaza/db'
import type { EmailSender } from '../domain/ports.ts'

/** Keeps e-mails in the database (DevEmailMessage) instead of sending them; the demo shows them at /dev/mail. */
export function createDevelopmentEmail(db: Db): EmailSender {
  return {
    async send(to, subject, body) {
      await db.devEmailMessage.create({ data: { to, subject, body } })
    },
  }
}
