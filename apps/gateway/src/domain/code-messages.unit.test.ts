import { languages } from '@darwaza/contracts/localized'
import { describe, expect, it } from 'vitest'
import { consentCodeMessage, signInCodeMessage } from './code-messages.ts'

describe('one-time code messages', () => {
  it.each(languages)('carry the code and its lifetime in %s', (language) => {
    const text = signInCodeMessage(language, '482913', 5)
    expect(text).toContain('482913')
    expect(text).toContain('5')
    expect(consentCodeMessage(language, 'Sana Tariq', '482913')).toMatch(/Sana Tariq.*482913/s)
  })

  it('are written in the language asked for', () => {
    expect(signInCodeMessage('en', '482913', 5)).toMatch(/^Darwaza: your sign-in code/)
    expect(signInCodeMessage('ur', '482913', 5)).toMatch(/^دروازہ: /)
    expect(signInCodeMessage('ar', '482913', 5)).toMatch(/^دروازة: /)
  })
})
