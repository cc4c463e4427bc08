import { describe, expect, it } from 'vitest'
import { formatIdentityNumber, identityNumberFormats, maskPhone, parseIdentityNumber } from './identity-number.ts'

const cnic = identityNumberFormats['pk-cnic']

describe('identity numbers', () => {
  it.each(['3520212345671', '35202-1234567-1', ' 35202-1234567-1 '])('accepts the CNIC %s', (input) => {
    expect(parseIdentityNumber(input, cnic)).toEqual({ ok: true, value: '3520212345671' })
  })

  it.each([
    '352021234567',
    '35202123456712',
    '35202-123456-71',
    '3520-21234567-1',
    '35202 1234567 1',
    'ABCDE-1234567-1',
    '',
  ])('refuses %j with the format described', (input) => {
    expect(parseIdentityNumber(input, cnic)).toEqual({
      ok: false,
      reason: 'a CNIC is 13 digits, written 12345-1234567-1 or 1234512345671',
    })
  })

  it('is configurable per deployment', () => {
    const emirates = identityNumberFormats['ae-emirates-id']
    expect(parseIdentityNumber('784-1990-1234567-1', emirates)).toEqual({ ok: true, value: '784199012345671' })
    expect(parseIdentityNumber('35202-1234567-1', emirates).ok).toBe(false)
    expect(formatIdentityNumber('784199012345671', emirates)).toBe('784-1990-1234567-1')
  })

  it('shows a phone number with only its last four digits', () => {
    expect(maskPhone('+923001234567')).toBe('+92 ••• ••• 4567')
  })
})
