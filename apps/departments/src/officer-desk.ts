// A reference department's side of status changes: signed callbacks to the gateway, and a small
// officer page (HTTP basic auth) to move an application through its statuses with a message.
import { signRequest, type SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { ReportedStatus, type StatusCallback } from '@darwaza/contracts/department-protocol/v1'
import type { FastifyInstance } from 'fastify'
import { randomUUID, timingSafeEqual } from 'node:crypto'

export interface CallbackSettings {
  /** The gateway's base URL; callbacks go to {gatewayUrl}/federation/v1/status. */
  gatewayUrl: string
  signer: SigningIdentity
}

export interface CallbackOutcome {
  status: number
  body: string
}

export async function sendStatusCallback(
  settings: CallbackSettings,
  callback: StatusCallback,
): Promise<CallbackOutcome> {
  const url = new URL(
    'federation/v1/status',
    settings.gatewayUrl.endsWith('/') ? settings.gatewayUrl : `${settings.gatewayUrl}/`,
  )
  const body = JSON.stringify(callback)
  const headers = await signRequest(
    {
      method: 'POST',
      url: url.href,
      headers: { 'content-type': 'application/json', 'x-request-id': randomUUID() },
      body,
    },
    settings.signer,
  )
  const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) })
  return { status: response.status, body: await response.text() }
}

export interface OfficerDeskStore {
  /** Issues a document (a PDF) for an application; the gateway fetches it at /issued/:id. */
  issue(trackingNumber: string): { id: string; sha256: string; name: { en: string; ur: string } }
  list(): { trackingNumber: string; service: string; receivedAt: string; status: string; reference: string }[]
  setStatus(
    trackingNumber: string,
    status: string,
    detail?: {
      message?: { en: string; ur: string }
      document?: { name: { en: string; ur: string }; url: string; sha256: string }
    },
  ): void
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!)

/** GET /officer and POST /officer/status, behind basic auth with the officer password. */
export function registerOfficerDesk(
  app: FastifyInstance,
  /** Without callbacks the status is only kept here, for the gateway to ask for (polling). */
  options: { department: string; password: string; store: OfficerDeskStore; callbacks?: CallbackSettings },
) {
  void app.register(async (desk) => {
    desk.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) =>
      done(null, Object.fromEntries(new URLSearchParams(body as string))),
    )
    desk.addHook('onRequest', async (request, reply) => {
      const expected = Buffer.from(`officer:${options.password}`)
      const given = Buffer.from(
        (request.headers.authorization ?? '').replace(/^Basic /, '')
          ? atob((request.headers.authorization ?? '').slice(6))
          : '',
      )
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        return reply.code(401).header('www-authenticate', `Basic realm="${options.department} officer"`).send('Sign in')
      }
    })
    desk.get('/officer', async (request, reply) => {
      const message = (request.query as { message?: string }).message
      const rows = options.store
        .list()
        .map(
          (
            row,
          ) => `<tr data-tracking="${escape(row.trackingNumber)}"><td>${escape(row.trackingNumber)}</td><td>${escape(row.service)}</td>
<td>${escape(row.reference)}</td><td>${escape(row.receivedAt)}</td><td class="status">${escape(row.status)}</td>
<td><form method="post" action="/officer/status"><input type="hidden" name="trackingNumber" value="${escape(row.trackingNumber)}">
<label>Status <select name="status">${ReportedStatus.options.map((status) => `<option>${status}</option>`).join('')}</select></label>
<label>Message (English) <input name="messageEn"></label> <label><input type="checkbox" name="issueDocument" value="yes"> Attach the issued document</label> <label>Message (Urdu) <input name="messageUr" dir="rtl"></label>
<button>Send</button></form></td></tr>`,
        )
        .join('\n')
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escape(options.department)}: applications</title></head><body><h1>${escape(options.department)}: applications</h1>
${message ? `<p role="status">${escape(message)}</p>` : ''}
<table><thead><tr><th>Tracking number</th><th>Service</th><th>Reference</th><th>Received</th><th>Status</th><th>Change</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`)
    })
    desk.post('/officer/status', async (request, reply) => {
      const form = request.body as Record<string, string | undefined>
      const status = ReportedStatus.safeParse(form.status)
      const trackingNumber = form.trackingNumber ?? ''
      if (!status.success || !trackingNumber) return reply.code(400).send('Choose an application and a status.')
      const message =
        form.messageEn?.trim() && form.messageUr?.trim()
          ? { en: form.messageEn.trim(), ur: form.messageUr.trim() }
          : undefined
      const issued = form.issueDocument === 'yes' ? options.store.issue(trackingNumber) : null
      const document = issued
        ? {
            name: issued.name,
            url: `${request.protocol}://${request.headers.host ?? ''}/issued/${issued.id}`,
            sha256: issued.sha256,
          }
        : undefined
      const outcome = options.callbacks
        ? await sendStatusCallback(options.callbacks, {
            department: options.department,
            trackingNumber,
            status: status.data,
            occurredAt: new Date().toISOString(),
            ...(message ? { message } : {}),
            ...(document ? { document } : {}),
          })
        : { status: 200, body: '' }
      if (outcome.status === 200) {
        options.store.setStatus(trackingNumber, status.data, {
          ...(message ? { message } : {}),
          ...(document ? { document } : {}),
        })
      }
      const text =
        outcome.status === 200 ? `${trackingNumber} is now ${status.data}.` : `The gateway refused: ${outcome.body}`
      return reply.redirect(`/officer?message=${encodeURIComponent(text)}`, 303)
    })
  })
}
