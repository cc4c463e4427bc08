// A deliberately misbehaving department for fault tests: a real HTTP server whose answers the test
// scripts (slow, broken, garbage). The well-behaved reference departments live in apps/departments.
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface StubRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

export interface StubDepartment {
  url: string
  requests: StubRequest[]
  close(): Promise<void>
}

/** Starts the stub on `options.port` (to bring a department back where it was) or on a free port. */
export async function startStubDepartment(
  answer: (request: StubRequest, response: ServerResponse) => void,
  options: { port?: number } = {},
): Promise<StubDepartment> {
  const requests: StubRequest[] = []
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
      answer(recorded, response)
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', resolve)
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

export function json(response: ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
