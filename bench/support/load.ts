// The load generator: autocannon (closed loop, keep-alive connections). autocannon's own histogram
// keeps whole milliseconds, so every 2xx response time is also kept here at full precision and the
// percentiles are taken from those samples.
import autocannon from 'autocannon'

export interface LoadOptions {
  url: string
  connections: number
  /** Stop after this many requests… */
  amount?: number
  /** …or after this many seconds. */
  durationSeconds?: number
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Called before each request: returns what to send (path, headers, body). */
  setupRequest?: (request: autocannon.Request) => autocannon.Request
  /** Called with each answer's status and body (autocannon then keeps the bodies). */
  onResponse?: (status: number, body: string) => void
  timeoutSeconds?: number
  /** Requests per second offered over all connections (omit for as fast as the server answers). */
  overallRate?: number
}

export interface LoadResult {
  /** Requests that completed with a 2xx answer. */
  ok: number
  /** Non-2xx answers, errors and timeouts. */
  failed: number
  statusCodes: Record<string, number>
  seconds: number
  /** 2xx answers per second over the run. */
  perSecond: number
  p50: number
  p99: number
  max: number
}

export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const samples: number[] = []
  // The run's span, from the first request sent to the last answer (autocannon itself ends on a
  // 1-second tick, which would distort short runs).
  let firstSent = Infinity
  let lastAnswered = -Infinity
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.durationSeconds ?? 10 }),
        method: options.method ?? 'GET',
        headers: options.headers ?? {},
        ...(options.body === undefined ? {} : { body: options.body }),
        ...(options.setupRequest || options.onResponse
          ? {
              requests: [
                {
                  ...(options.setupRequest ? { setupRequest: options.setupRequest } : {}),
                  ...(options.onResponse ? { onResponse: options.onResponse } : {}),
                },
              ],
            }
          : {}),
        timeout: options.timeoutSeconds ?? 10,
        ...(options.overallRate ? { overallRate: options.overallRate } : {}),
      },
      (error, result) => {
        if (error) return reject(error)
        const seconds = (lastAnswered - firstSent) / 1000
        const statusCodes = Object.fromEntries(
          Object.entries(result.statusCodeStats ?? {}).map(([code, stats]) => [code, stats.count ?? 0]),
        )
        resolve({
          ok: samples.length,
          failed: result.non2xx + result.errors + result.timeouts,
          statusCodes,
          seconds,
          perSecond: samples.length / seconds,
          p50: percentile(samples, 50),
          p99: percentile(samples, 99),
          max: samples.reduce((most, sample) => Math.max(most, sample), 0),
        })
      },
    )
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      const now = performance.now()
      firstSent = Math.min(firstSent, now - responseTime)
      lastAnswered = now
      if (statusCode >= 200 && statusCode < 300) samples.push(responseTime)
    })
  })
}
