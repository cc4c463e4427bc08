// Whether the gateway answers. Every call to it reports: no answer at all (or a proxy's error page)
// marks it unreachable, and from then on a probe asks /health every few seconds until it
// answers, so the screen recovers by itself. A kiosk also probes while all is well, so an empty
// screen in the hall shows the outage before anyone starts typing.
import { useSyncExternalStore } from 'react'

export interface Connectivity {
  reachable(): boolean
  subscribe(listener: () => void): () => void
  /** A fetch that reports what happened to every call it makes. */
  fetch: typeof fetch
}

/**
 * A proxy's "bad gateway", "unavailable" or "timeout" page means the gateway is not there; the
 * gateway's own answers are JSON (its 503 for a department that is down is not an outage of its own).
 */
const gatewayMissing = (response: Response) =>
  [502, 503, 504].includes(response.status) && !response.headers.get('content-type')?.includes('json')

export function createConnectivity(
  gatewayUrl: string,
  options: { probeMs?: number; watchMs?: number | null; fetch?: typeof fetch } = {},
): Connectivity {
  const send = options.fetch ?? window.fetch.bind(window)
  const probeMs = options.probeMs ?? 3000
  let reachable = true
  let probe: number | undefined
  const listeners = new Set<() => void>()

  const set = (next: boolean) => {
    if (next === reachable) return
    reachable = next
    for (const listener of listeners) listener()
    if (!reachable) scheduleProbe()
  }
  const scheduleProbe = () => {
    if (probe !== undefined) return
    probe = window.setTimeout(() => {
      probe = undefined
      void check().then((ok) => {
        if (!ok) scheduleProbe()
      })
    }, probeMs)
  }
  const check = async () => {
    try {
      const response = await send(`${gatewayUrl}/health`, { cache: 'no-store' })
      set(response.ok)
    } catch {
      set(false)
    }
    return reachable
  }
  if (options.watchMs) window.setInterval(() => void (reachable ? check() : undefined), options.watchMs)

  return {
    reachable: () => reachable,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async fetch(input, init) {
      try {
        const response = await send(input, init)
        set(!gatewayMissing(response))
        return response
      } catch (error) {
        // An aborted call says nothing about the gateway.
        if (!(error instanceof DOMException && error.name === 'AbortError')) set(false)
        throw error
      }
    },
  }
}

export function useGatewayReachable(connectivity: Connectivity): boolean {
  return useSyncExternalStore(connectivity.subscribe, connectivity.reachable)
}
