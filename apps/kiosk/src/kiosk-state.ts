// What the kiosk shell knows about the kiosk (enrolment, the printer), followed as it changes, so
// the screen can say so before a citizen starts something the kiosk cannot finish.
import { useEffect, useState } from 'react'
import type { KioskState } from './kiosk-bridge.ts'

export function useKioskState(): KioskState | null {
  const [state, setState] = useState<KioskState | null>(null)
  useEffect(() => {
    const bridge = window.darwazaKiosk
    if (!bridge) return
    let current = true
    bridge
      .kioskState()
      .then((now) => current && setState(now))
      .catch(() => undefined)
    const stop = bridge.onKioskState((next) => setState(next))
    return () => {
      current = false
      stop()
    }
  }, [])
  return state
}
