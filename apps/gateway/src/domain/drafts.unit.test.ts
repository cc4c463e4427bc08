import { describe, expect, it } from 'vitest'
import { draftMaxBytes, draftMessage, draftProblems } from './drafts.ts'

describe('what a draft may hold', () => {
  it('takes answers to the form’s own fields, even incomplete or not yet valid', () => {
    expect(draftProblems(['facility', 'reason'], { facility: '', reason: 'x' })).toEqual([])
    expect(draftProblems(['facility', 'reason'], {})).toEqual([])
  })

  it('names every field the form does not have', () => {
    expect(draftProblems(['reason'], { reason: 'a', __proto__x: 'b', other: true })).toEqual([
      { field: 'form.__proto__x', reason: 'unknown_field', message: 'is not a field of this form' },
      { field: 'form.other', reason: 'unknown_field', message: 'is not a field of this form' },
    ])
  })

  it('refuses more than it is meant to keep', () => {
    const problems = draftProblems(['reason'], { reason: 'x'.repeat(draftMaxBytes) })
    expect(problems.map((problem) => problem.reason)).toEqual(['too_large'])
  })
})

describe('the text message with the link', () => {
  const link = 'https://darwaza.example/#/draft?code=abc'
  const until = new Date('2026-12-09T10:00:00Z')

  it('says which service, until when, and carries the link, in the citizen’s language', () => {
    const english = draftMessage('en', 'Birth certificate', link, until)
    expect(english).toContain('Birth certificate')
    expect(english).toMatch(/0?9.Dec.2026/)
    expect(english.endsWith(link)).toBe(true)
    expect(draftMessage('ur', 'پیدائش سرٹیفکیٹ', link, until)).toMatch(/^دروازہ: پیدائش سرٹیفکیٹ .*https:/)
    expect(draftMessage('ar', 'شهادة ميلاد', link, until)).toMatch(/^دروازة: .*شهادة ميلاد.*https:/)
  })
})
