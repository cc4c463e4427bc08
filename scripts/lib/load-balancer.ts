// A small HTTP load balancer for running several gateway replicas behind one address (the scale-out
// script and its test). Round robin over the replicas; a replica that refuses the connection is left
// out for a moment and the request goes to the next one (safe: nothing reached the refused one).
// A request already sent to a replica that then dies is answered 502, as nginx would; the caller
// retries with the same idempotency key. Server-sent events and other streams pass straight through.
// For production, nginx or any load balancer does the same job (see README, "Several gateways").
import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from 'node:http'

export interface LoadBalancer {
  url: string
  /** Requests answered, and how many went to each replica. */
  stats(): { forwarded: number; failedOver: number; badGateway: number; byReplica: Record<string, number> }
  close(): Promise<void>
}

/** How long a replica that refused a connection is left out before it is tried again. */
const restMs = 1000

export async function startLoadBalancer(
  replicas: readonly string[],
  port = 0,
  host = '127.0.0.1',
): Promise<LoadBalancer> {
  const restingUntil = new Map<string, number>()
  const byReplica: Record<string, number> = Object.fromEntries(replicas.map((replica) => [replica, 0]))
  let next = 0
  let forwarded = 0
  let failedOver = 0
  let badGateway = 0

  function candidates(): string[] {
    const now = Date.now()
    const order = replicas.map((_, index) => replicas[(next + index) % replicas.length] ?? '')
    next = (next + 1) % replicas.length
    const awake = order.filter((replica) => (restingUntil.get(replica) ?? 0) <= now)
    return awake.length > 0 ? awake : order
  }

  async function bodyOf(request: IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = []
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
    return Buffer.concat(chunks)
  }

  function attempt(replica: string, request: IncomingMessage, body: Buffer, response: ServerResponse) {
    return new Promise<'sent' | 'refused'>((resolve) => {
      const target = new URL(request.url ?? '/', replica)
      const upstream = forward(
        target,
        // The Host header goes through unchanged: signed requests (department callbacks) cover the
        // address they were sent to, which is the balancer's, not the replica's.
        { method: request.method, headers: request.headers, agent: false },
        (answer) => {
          forwarded++
          byReplica[replica] = (byReplica[replica] ?? 0) + 1
          response.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(response)
          answer.on('error', () => response.destroy())
          resolve('sent')
        },
      )
      let connected = false
      upstream.on('socket', (socket) => socket.on('connect', () => (connected = true)))
      upstream.on('error', (error: NodeJS.ErrnoException) => {
        if (!connected && (error.code === 'ECONNREFUSED' || error.code === 'ECONNRESET')) {
          restingUntil.set(replica, Date.now() + restMs)
          return resolve('refused')
        }
        badGateway++
        if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: 'the gateway replica failed while answering' }))
        resolve('sent')
      })
      upstream.end(body)
    })
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = await bodyOf(request)
      const tried = candidates()
      for (const [index, replica] of tried.entries()) {
        if ((await attempt(replica, request, body, response)) === 'sent') return
        if (index < tried.length - 1) failedOver++
      }
      badGateway++
      response.writeHead(502, { 'content-type': 'application/json' })
      response.end(JSON.stringify({ error: 'no gateway replica is reachable' }))
    })()
  })
  await new Promise<void>((resolve) => server.listen(port, host, resolve))
  const address = server.address()
  const url = `http://${host}:${typeof address === 'object' && address ? address.port : port}`
  return {
    url,
    stats: () => ({ forwarded, failedOver, badGateway, byReplica: { ...byReplica } }),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
