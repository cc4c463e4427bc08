// Topic icons drawn as inline SVG: a kiosk has no network and may have no emoji font, so the
// icons travel with the app. Decorative: the tile's text names the topic.
import type { ServiceCategory } from '@darwaza/contracts/catalogue'
import type { ReactNode } from 'react'

const shapes: Record<ServiceCategory, ReactNode> = {
  family_and_civil_registration: (
    <>
      <circle cx="8" cy="7" r="3" />
      <circle cx="17" cy="8" r="2.5" />
      <path d="M2 21v-2a5 5 0 0 1 5-5h2a5 5 0 0 1 5 5v2M15 14h1.5a4.5 4.5 0 0 1 4.5 4.5V21" />
    </>
  ),
  health: <path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z" />,
  vehicles_and_transport: (
    <>
      <path d="M3 16v-3l2-6h14l2 6v3zM3 16v3h3v-3M18 16v3h3v-3M3 13h18" />
      <circle cx="7.5" cy="14.5" r="0.5" />
      <circle cx="16.5" cy="14.5" r="0.5" />
    </>
  ),
  water_and_utilities: <path d="M12 3s-6 7-6 11a6 6 0 0 0 12 0c0-4-6-11-6-11z" />,
  education: (
    <>
      <path d="M2 9l10-5 10 5-10 5z" />
      <path d="M6 11v5c3 2 9 2 12 0v-5M22 9v6" />
    </>
  ),
  social_protection: <path d="M12 20s-7-4.5-7-10a4 4 0 0 1 7-2.5A4 4 0 0 1 19 10c0 5.5-7 10-7 10z" />,
  business: <path d="M3 9l2-5h14l2 5zM4 9v11h16V9M9 20v-6h6v6" />,
  identity_and_documents: (
    <>
      <rect x="3" y="5" width="18" height="14" rx="2" />
      <circle cx="9" cy="11" r="2" />
      <path d="M6 16c1-2 5-2 6 0M14 10h4M14 14h4" />
    </>
  ),
}

export function TopicIcon({ topic }: { topic: ServiceCategory }) {
  return (
    <svg
      className="dz-tile__icon"
      viewBox="0 0 24 24"
      width="40"
      height="40"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {shapes[topic]}
    </svg>
  )
}
