import { describe, expect, it } from 'vitest'
import { verificationCode, verificationCodeMatches } from './verification-code.ts'

describe('receipt verification codes', () => {
  it('are 8 characters, the same each time for a tracking number, different for another or another secret', () => {
    const code = verificationCode('secret-one-which-is-long-enough!!', 'DZ-10JN-YX23-4')
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/)
    expect(verificationCode('secret-one-which-is-long-enough!!', 'DZ-10JN-YX23-4')).toBe(code)
    expect(verificationCode('secret-one-which-is-long-enough!!', 'DZ-10JN-YX23-5')).not.toBe(code)
    expect(verificationCode('secret-two-which-is-long-enough!!', 'DZ-10JN-YX23-4')).not.toBe(code)
  })

  it('match the way people type them, and nothing else', () => {
    const secret = 'secret-one-which-is-long-enough!!'
    const code = verificationCode(secret, 'DZ-10JN-YX23-4')
    expect(verificationCodeMatches(secret, 'DZ-10JN-YX23-4', code.toLowerCase())).toBe(true)
    expect(verificationCodeMatches(secret, 'DZ-10JN-YX23-4', `${code.slice(0, 4)}-${code.slice(4)}`)).toBe(true)
    expect(verificationCodeMatches(secret, 'DZ-10JN-YX23-5', code)).toBe(false)
    expect(verificationCodeMatches(secret, 'DZ-10JN-YX23-4', '')).toBe(false)
  })
})
