// National identity numbers. The format is a deployment setting; Pakistan's CNIC is the default.

export interface IdentityNumberFormat {
  id: string
  /** What a citizen is told when the number does not fit, e.g. "13 digits, written 12345-1234567-1". */
  description: string
  digits: number
  /** Group sizes for display, e.g. [5, 7, 1] for CNIC. */
  groups: number[]
}

export const identityNumberFormats = {
  'pk-cnic': {
    id: 'pk-cnic',
    description: 'a CNIC is 13 digits, written 12345-1234567-1 or 1234512345671',
    digits: 13,
    groups: [5, 7, 1],
  },
  'ae-emirates-id': {
    id: 'ae-emirates-id',
    description: 'an Emirates ID is 15 digits, written 784-1234-1234567-1 or 784123412345671',
    digits: 15,
    groups: [3, 4, 7, 1],
  },
  'iq-national-card': {
    id: 'iq-national-card',
    description: 'a national card number is 12 digits, written 1234-5678-9012 or 123456789012',
    digits: 12,
    groups: [4, 4, 4],
  },
} as const satisfies Record<string, IdentityNumberFormat>

export type IdentityNumberFormatId = keyof typeof identityNumberFormats

export type ParsedIdentityNumber = { ok: true; value: string } | { ok: false; reason: string }

/** Accepts the number as digits only or grouped with dashes exactly as printed; returns the digits. */
export function parseIdentityNumber(input: string, format: IdentityNumberFormat): ParsedIdentityNumber {
  const trimmed = input.trim()
  const plain = new RegExp(`^\\d{${format.digits}}$`)
  const grouped = new RegExp(`^${format.groups.map((size) => `\\d{${size}}`).join('-')}$`)
  if (plain.test(trimmed)) return { ok: true, value: trimmed }
  if (grouped.test(trimmed)) return { ok: true, value: trimmed.replaceAll('-', '') }
  return { ok: false, reason: format.description }
}

export function formatIdentityNumber(digits: string, format: IdentityNumberFormat): string {
  const parts: string[] = []
  let at = 0
  for (const size of format.groups) {
    parts.push(digits.slice(at, at + size))
    at += size
  }
  return parts.join('-')
}

/** +923001234567 → "+92 ••• ••• 4567": enough for a citizen to recognise their phone, no more. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '')
  const country = phone.startsWith('+') ? `+${digits.slice(0, 2)} ` : ''
  return `${country}••• ••• ${digits.slice(-4)}`
}
