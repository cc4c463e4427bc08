// A reference department's side of status changes: signed callbacks to the gateway, and a small
// officer page (HTTP basic auth) to move an application through its statuses with a message, and to
// open the documents delivered with it (fetched from the gateway, signed, checked by their SHA-256).
import { signRequest, type SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'
import { ReportedStatus, type StatusCallback } from '@darwaza/contracts/department-protocol/v1'
import type { FastifyInstance } from 'fastify'
import { randomUUID, timingSafeEqual } from 'node:crypto'
import { fetchDeliveredDocument, type DeliveredDocument } from './delivered-documents.ts'

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
  list(): {
    trackingNumber: string
    service: string
    receivedAt: string
    status: string
    reference: string
    /** Uploaded documents delivered by reference with the application and its answers. */
    documents: DeliveredDocument[]
  }[]
  /** One of those documents, by the SHA-256 its reference gives; null when the application has none such. */
  document(trackingNumber: string, sha256: string): DeliveredDocument | null
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

export function documentSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1_048_576) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1_048_576).toFixed(1)} MB`
}

/** The officer page's list of an application's documents, each a link the desk answers itself. */
function documentList(trackingNumber: string, documents: DeliveredDocument[]): string {
  if (documents.length === 0) return 'None'
  const items = documents.map((document) => {
    const href = `/officer/documents/${encodeURIComponent(trackingNumber)}/${document.sha256}`
    const what = document.sentWith === 'answer' ? 'Sent with the answer' : document.requirement
    return `<li><a href="${escape(href)}" data-sha256="${document.sha256}">${escape(what)}</a>: <span class="media-type">${escape(document.mediaType)}</span>, <span class="size">${documentSize(document.size)}</span> (${escape(document.name)})</li>`
  })
  return `<ul>${items.join('')}</ul>`
}

/** Only characters safe in a quoted header value; the rest become "_". */
const headerSafeName = (name: string) => name.replace(/[^A-Za-z0-9._ -]/g, '_').slice(0, 100) || 'document'

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
      // Only "Basic <base64>" is read (any other scheme, e.g. a gateway bearer token, is no sign-in).
      const basic = /^Basic ([A-Za-z0-9+/=]*)$/.exec(request.headers.authorization ?? '')
      const given = Buffer.from(basic?.[1] ?? '', 'base64')
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
<td class="documents">${documentList(row.trackingNumber, row.documents)}</td>
<td><form method="post" action="/officer/status"><input type="hidden" name="trackingNumber" value="${escape(row.trackingNumber)}">
<label>Status <select name="status">${ReportedStatus.options.map((status) => `<option>${status}</option>`).join('')}</select></label>
<label>Message (English) <input name="messageEn"></label> <label><input type="checkbox" name="issueDocument" value="yes"> Attach the issued document</label> <label>Message (Urdu) <input name="messageUr" dir="rtl"></label>
<button>Send</button></form></td></tr>`,
        )
        .join('\n')
      return reply.type('text/html; charset=utf-8').send(`<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>${escape(options.department)}: applications</title></head><body><h1>${escape(options.department)}: applications</h1>
${message ? `<p role="status">${escape(message)}</p>` : ''}
<table><thead><tr><th>Tracking number</th><th>Service</th><th>Reference</th><th>Received</th><th>Status</th><th>Documents</th><th>Change</th></tr></thead>
<tbody>${rows}</tbody></table></body></html>`)
    })
    // A delivered document, for the signed-in officer only: fetched from the gateway with a request
    // signed by this department's key, and shown only if its bytes match the reference's SHA-256.
    desk.get<{ Params: { trackingNumber: string; sha256: string } }>(
      '/officer/documents/:trackingNumber/:sha256',
      async (request, reply) => {
        const { trackingNumber, sha256 } = request.params
        const problem = (status: number, text: string) =>
          reply
            .code(status)
            .header('cache-control', 'no-store')
            .type('text/html; charset=utf-8')
            .send(
              `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(options.department)}: document</title></head><body><h1>Document not shown</h1><p role="alert">${escape(text)}</p><p><a href="/officer">Back to the applications</a></p></body></html>`,
            )
        const reference = options.store.document(trackingNumber, sha256)
        if (!reference) return problem(404, `Application ${trackingNumber} has no such document.`)
        if (!options.callbacks) {
          return problem(503, 'This department has no signing key for the gateway, so it cannot fetch documents.')
        }
        const fetched = await fetchDeliveredDocument(options.callbacks, options.department, reference)
        if (!fetched.ok) {
          request.log.warn({ trackingNumber, sha256, problem: fetched.problem }, fetched.message)
          return problem(502, fetched.message)
        }
        return reply
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .header(
            'content-disposition',
            `${fetched.inline ? 'inline' : 'attachment'}; filename="${headerSafeName(reference.name)}"`,
          )
          .type(fetched.inline ? fetched.mediaType : 'application/octet-stream')
          .send(fetched.bytes)
      },
    )
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
