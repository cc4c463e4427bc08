// Reads a tRPC subscription over server-sent events the way a browser's EventSource would, so tests
// can follow what a live page (the waiting hall's display) is sent.

/** The error the server sent instead of data, with its tRPC error shape (data.code and so on). */
export class SubscriptionFailure extends Error {
  readonly data: { code?: string } | undefined
  constructor(serialized: string) {
    super(`the subscription failed: ${serialized}`)
    const parsed = JSON.parse(serialized) as { error?: { data?: { code?: string } }; data?: { code?: string } }
    this.data = parsed.error?.data ?? parsed.data
  }
}

export interface EventReader {
  /** The data of the next message event, parsed; control events (connected, ping) are skipped. Rejects
   * with a SubscriptionFailure when the server sent an error. */
  next(timeoutMs?: number): Promise<unknown>
  close(): void
}

export function readServerSentEvents(url: string, headers: Record<string, string> = {}): EventReader {
  const abort = new AbortController()
  const queue: unknown[] = []
  const waiters: ((value: unknown) => void)[] = []
  let failure: SubscriptionFailure | null = null
  const failed: (() => void)[] = []

  const deliver = (data: unknown) => {
    const waiter = waiters.shift()
    if (waiter) waiter(data)
    else queue.push(data)
  }
  const fail = (error: SubscriptionFailure) => {
    failure = error
    for (const reject of failed.splice(0)) reject()
  }

  void (async () => {
    try {
      const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal })
      if (!response.body) throw new Error(`no event stream from ${url} (HTTP ${response.status})`)
      const decoder = new TextDecoder()
      let buffer = ''
      for await (const chunk of response.body) {
        buffer += decoder.decode(chunk as Uint8Array, { stream: true })
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const lines = block.split('\n')
          const event =
            lines
              .find((line) => line.startsWith('event:'))
              ?.slice(6)
              .trim() ?? 'message'
          const data = lines
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n')
          if (event === 'message' && data) deliver(JSON.parse(data))
          if (event === 'serialized-error') fail(new SubscriptionFailure(data))
        }
      }
    } catch (error) {
      if (!abort.signal.aborted) fail(new SubscriptionFailure(JSON.stringify({ message: String(error) })))
    }
  })()

  return {
    next(timeoutMs = 10_000) {
      if (queue.length) return Promise.resolve(queue.shift())
      if (failure) return Promise.reject(failure)
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no event within ${timeoutMs} ms from ${url}`)), timeoutMs)
        failed.push(() => {
          clearTimeout(timer)
          reject(failure)
        })
        waiters.push((value) => {
          clearTimeout(timer)
          resolve(value)
        })
      })
    },
    close: () => abort.abort(),
  }
}
