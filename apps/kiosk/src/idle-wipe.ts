// A kiosk forgets each citizen as soon as they leave: after a while without a touch or a key it
// warns, and if nobody answers, everything of theirs is wiped (see wipeKioskSession).
import { useCallback, useEffect, useRef, useState } from 'react'
import type { GatewayClient } from './gateway-client.ts'
import { currentSession, setSession } from './session.ts'

/** How long the warning stays before the wipe: WCAG 2.2.1 asks for at least 20 seconds. */
export const warningSeconds = 30

const activity = ['pointerdown', 'keydown', 'input', 'wheel', 'touchstart'] as const

/** Seconds left on the warning while it shows, otherwise null. */
export function useIdleWipe(idleSeconds: number | null, onWipe: () => void) {
  const lastActivity = useRef(0)
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null)
  const wiping = useRef(false)

  const moreTime = useCallback(() => {
    lastActivity.current = Date.now()
    setSecondsLeft(null)
  }, [])

  useEffect(() => {
    if (idleSeconds === null) return
    lastActivity.current = Date.now()
    const touched = () => {
      lastActivity.current = Date.now()
    }
    for (const event of activity) window.addEventListener(event, touched, { capture: true, passive: true })
    const timer = window.setInterval(() => {
      const idle = (Date.now() - lastActivity.current) / 1000
      if (idle < idleSeconds) {
        setSecondsLeft(null)
      } else if (idle < idleSeconds + warningSeconds) {
        setSecondsLeft(Math.ceil(idleSeconds + warningSeconds - idle))
      } else if (!wiping.current) {
        wiping.current = true
        onWipe()
      }
    }, 1000)
    return () => {
      window.clearInterval(timer)
      for (const event of activity) window.removeEventListener(event, touched, { capture: true })
    }
  }, [idleSeconds, onWipe])

  return { secondsLeft, moreTime }
}

/**
 * Ends the citizen's session on the server, clears what the browser kept (storage, Cache Storage,
 * and through the shell its HTTP cache and back history), and starts the app afresh on the welcome
 * screen, so nothing typed or shown survives.
 */
export async function wipeKioskSession(client: GatewayClient): Promise<void> {
  if (currentSession()) {
    await client.identity.signOut.mutate().catch(() => undefined)
  }
  setSession(null)
  window.sessionStorage.clear()
  window.localStorage.clear()
  if ('caches' in window) {
    for (const name of await window.caches.keys()) await window.caches.delete(name)
  }
  await window.darwazaKiosk?.wipeSession().catch(() => undefined)
  window.history.replaceState(null, '', '#/services')
  window.location.reload()
}
