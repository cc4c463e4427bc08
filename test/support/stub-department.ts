// A deliberately misbehaving department for fault tests: a real HTTP server whose answers the test
// scripts (slow, broken, garbage, unsigned or badly signed). The well-behaved reference departments
// live in apps/departments.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { signResponse, type SigningIdentity } from '@darwaza/contracts/department-protocol/signatures'

export interface StubRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

/** How the stub signs the answers it sends with json(). */
export type AnswerSigning =
  /** Signed with the department's own key, bound to the request, as the protocol asks. */
  | { kind: 'signed' }
  | { kind: 'unsigned' }
  /** Signed properly, but with a key that is not the department's. */
  | { kind: 'signed-by'; signer: SigningIdentity }
  /** Signed properly, then the body is changed on the way (the signature no longer matches it). */
  | { kind: 'altered'; alter: (body: string) => string }

export interface StubDepartment {
  url: string
  requests: StubRequest[]
  /** How answers are signed from now on; change it to misbehave. */
  answers: AnswerSigning
  close(): Promise<void>
}

interface Answering {
  request: StubRequest
  stub: StubDepartment
  signer: SigningIdentity
}
const answering = new WeakMap<ServerResponse, Answering>()

/**
 * Starts the stub on `options.port` (to bring a department back where it was) or on a free port.
 * `signer` is the department's own key, which the gateway must have registered for it.
 */
export async function startStubDepartment(
  answer: (request: StubRequest, response: ServerResponse) => void,
  options: { signer: SigningIdentity; port?: number; answers?: AnswerSigning },
): Promise<StubDepartment> {
  const requests: StubRequest[] = []
  const stub: StubDepartment = {
    url: '',
    requests,
    answers: options.answers ?? { kind: 'signed' },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  const server = createServer((request, response) => {
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const recorded = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(recorded)
      answering.set(response, { request: recorded, stub, signer: options.signer })
      answer(recorded, response)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return stub
}

/** Sends a JSON answer, signed (or not) as the stub's `answers` says. */
export function json(response: ServerResponse, status: number, body: unknown): void {
  void sendJson(response, status, body).catch((error: unknown) => {
    response.writeHead(500, { 'content-type': 'text/plain' }).end(`the stub failed to sign: ${String(error)}`)
  })
}

async function sendJson(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body)
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  const context = answering.get(response)
  const signing = context?.stub.answers ?? { kind: 'unsigned' }
  if (!context || signing.kind === 'unsigned' || !context.request.headers.signature) {
    response.writeHead(status, headers).end(text)
    return
  }
  const request = {
    method: context.request.method,
    url: `${context.stub.url}${context.request.url}`,
    headers: Object.fromEntries(
      Object.entries(context.request.headers).flatMap(([name, value]) =>
        typeof value === 'string' ? [[name, value]] : Array.isArray(value) ? [[name, value.join(', ')]] : [],
      ),
    ),
  }
  const signer = signing.kind === 'signed-by' ? signing.signer : context.signer
  const signed = await signResponse({ status, headers, body: text }, request, signer)
  response.writeHead(status, signed).end(signing.kind === 'altered' ? signing.alter(text) : text)
}
