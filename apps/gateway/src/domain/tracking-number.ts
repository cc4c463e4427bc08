// Tracking numbers citizens read out at a counter or type on a phone: "DZ-7K3M-Q9XT-R". Eight random
// characters from a 31-letter alphabet (Crockford's base 32 without Z: no I, L, O or U, so nothing is
// mistaken for 1, 0 or V), which makes neighbours unguessable, and a check character: a weighted sum
// modulo the prime 31 with distinct weights, which catches every single mistyped character and every
// swap of two characters.
const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXY'
const modulus = alphabet.length // 31, a prime
const prefix = 'DZ'
const randomLength = 8
// Weights 1..9 for the eight payload characters and the check character (position 9).
const checkWeight = randomLength + 1

function modularInverse(value: number): number {
  for (let candidate = 1; candidate < modulus; candidate++) {
    if ((value * candidate) % modulus === 1) return candidate
  }
  throw new Error('no inverse')
}

function checkCharacter(payload: string): string {
  let sum = 0
  for (let index = 0; index < payload.length; index++) sum += (index + 1) * alphabet.indexOf(payload[index]!)
  // Choose the check value c so that sum + checkWeight * c ≡ 0 (mod 31).
  const value = (((modulus - (sum % modulus)) % modulus) * modularInverse(checkWeight)) % modulus
  return alphabet[value]!
}

/** A fresh tracking number; `pick(n)` returns a uniform integer in [0, n) (crypto.randomInt in production). */
export function newTrackingNumber(pick: (bound: number) => number): string {
  const payload = Array.from({ length: randomLength }, () => alphabet[pick(modulus)]).join('')
  return `${prefix}-${payload.slice(0, 4)}-${payload.slice(4)}-${checkCharacter(payload)}`
}

/**
 * Reads a tracking number the way people write it: any case, with or without dashes or spaces, and
 * the letters I, L and O read as 1, 1 and 0. Null when it is not a valid tracking number.
 */
export function normalizeTrackingNumber(input: string): string | null {
  const compact = input.toUpperCase().replace(/[\s-]/g, '').replace(/^D2/, 'DZ')
  if (!compact.startsWith(prefix)) return null
  const body = compact.slice(prefix.length).replace(/[IL]/g, '1').replace(/O/g, '0')
  if (body.length !== randomLength + 1 || [...body].some((char) => !alphabet.includes(char))) return null
  const payload = body.slice(0, randomLength)
  if (checkCharacter(payload) !== body.slice(randomLength)) return null
  return `${prefix}-${payload.slice(0, 4)}-${payload.slice(4)}-${body.slice(randomLength)}`
}
