import { randomInt } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { newTrackingNumber, normalizeTrackingNumber } from './tracking-number.ts'

const alphabet = '0123456789ABCDEFGHJKMNPQRSTVWXY'

describe('tracking numbers', () => {
  it('look like DZ-XXXX-XXXX-C and use no easily confused letters', () => {
    for (let index = 0; index < 200; index++) {
      const number = newTrackingNumber(randomInt)
      expect(number).toMatch(/^DZ-[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]{4}-[0-9A-HJKMNP-TV-Y]$/)
      expect(normalizeTrackingNumber(number)).toBe(number)
    }
  })

  it('are not guessable from a neighbour: consecutive numbers share no structure', () => {
    const numbers = new Set(Array.from({ length: 2000 }, () => newTrackingNumber(randomInt)))
    expect(numbers.size).toBe(2000)
  })

  it('read the way people write them', () => {
    const values = [1, 0, 18, 21, 30, 29, 2, 3]
    const number = newTrackingNumber(() => values.shift() ?? 0)
    expect(number).toBe(`DZ-10JN-YX23-${number.at(-1)}`)
    expect(normalizeTrackingNumber(number.toLowerCase())).toBe(number)
    expect(normalizeTrackingNumber(number.replace(/-/g, ' '))).toBe(number)
    expect(normalizeTrackingNumber(number.replace('10', 'lO'))).toBe(number)
  })

  it('catch every single mistyped character and every swap of two characters', () => {
    for (let trial = 0; trial < 50; trial++) {
      const number = newTrackingNumber(randomInt)
      const body = number.replace(/^DZ-|-/g, '')
      for (let position = 0; position < body.length; position++) {
        for (let other = position + 2; other < body.length; other++) {
          if (body[position] === body[other]) continue
          const chars = [...body]
          ;[chars[position], chars[other]] = [chars[other]!, chars[position]!]
          expect(normalizeTrackingNumber(`DZ${chars.join('')}`)).toBeNull()
        }
        for (const replacement of alphabet) {
          if (replacement === body[position]) continue
          const typo = body.slice(0, position) + replacement + body.slice(position + 1)
          expect(normalizeTrackingNumber(`DZ${typo}`), `${body} → ${typo}`).toBeNull()
        }
        if (position + 1 < body.length && body[position] !== body[position + 1]) {
          const swapped = body.slice(0, position) + body[position + 1] + body[position] + body.slice(position + 2)
          expect(normalizeTrackingNumber(`DZ${swapped}`), `${body} → ${swapped}`).toBeNull()
        }
      }
    }
  })

  it('refuse what is not a tracking number', () => {
    for (const input of [
      '',
      'DZ',
      'XY-10JN-YX23-4',
      'DZ-10JN-YX23',
      'DZ-10JN-YX23-45',
      'DZ-10JN-YX2U-4',
      'DZ-10JN-YX2Z-4',
    ]) {
      expect(normalizeTrackingNumber(input), input).toBeNull()
    }
  })
})
