// Who is signed in on this screen. The token lives in memory; the web view also keeps it in
// sessionStorage so a reload does not sign the citizen out. The kiosk keeps nothing: when a citizen
// walks away, nothing of them should survive.

export type SignedIn =
  { kind: 'citizen'; token: string; name: string } | { kind: 'staff'; token: string; name: string; role: string }

const storageKey = 'darwaza.session'
const persist = () => !window.darwazaKiosk

let current: SignedIn | null = readStored()

function readStored(): SignedIn | null {
  if (!persist()) return null
  try {
    const stored = window.sessionStorage.getItem(storageKey)
    return stored ? (JSON.parse(stored) as SignedIn) : null
  } catch {
    return null
  }
}

export function currentSession(): SignedIn | null {
  return current
}

export function setSession(session: SignedIn | null) {
  current = session
  if (!persist()) return
  if (session) window.sessionStorage.setItem(storageKey, JSON.stringify(session))
  else window.sessionStorage.removeItem(storageKey)
}
