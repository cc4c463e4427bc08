import { useEffect, useState } from 'react'

/** Screens are addressed by the URL hash, so back and forward work and staff pages have an address. */
export type Route =
  | 'services'
  | 'sign-in'
  | 'history'
  | 'staff'
  | 'clerk'
  | 'department'
  | 'platform'
  | 'verify'
  | 'ticket'
  | 'hall'
  | 'draft'

const routes: Route[] = [
  'services',
  'sign-in',
  'history',
  'staff',
  'clerk',
  'department',
  'platform',
  'verify',
  'ticket',
  'hall',
  'draft',
]

function parse(hash: string): Route {
  const name = hash.replace(/^#\/?/, '').split('?')[0] ?? ''
  return (routes as string[]).includes(name) ? (name as Route) : 'services'
}

export function go(route: Route) {
  window.location.hash = `#/${route}`
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parse(window.location.hash))
  useEffect(() => {
    const update = () => setRoute(parse(window.location.hash))
    window.addEventListener('hashchange', update)
    return () => window.removeEventListener('hashchange', update)
  }, [])
  return route
}

/** Parameters after the route, e.g. #/verify?t=DZ-…&c=… from a receipt's QR code. */
export function routeParams(): URLSearchParams {
  return new URLSearchParams(window.location.hash.split('?')[1] ?? '')
}
