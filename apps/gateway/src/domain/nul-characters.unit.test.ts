import { describe, expect, it } from 'vitest'
import { nulCharacterAt } from './nul-characters.ts'

describe('nulCharacterAt', () => {
  it('finds none in ordinary input', () => {
    expect(nulCharacterAt({ name: 'Ayesha عائشہ', tags: ['a', 1, null, true], nested: { deep: [{}] } })).toBeNull()
    expect(nulCharacterAt(undefined)).toBeNull()
    expect(nulCharacterAt('\\u0000 as six characters')).toBeNull()
  })

  it('names the first value or key holding U+0000 as a dotted path', () => {
    expect(nulCharacterAt('a\u0000')).toBe('')
    expect(nulCharacterAt({ a: 'x', b: { c: ['ok', 'bad\u0000'] } })).toBe('b.c.1')
    expect(nulCharacterAt({ form: { 'key\u0000': 'value' } })).toBe('form.key\u0000')
    expect(nulCharacterAt({ first: '\u0000', second: '\u0000' })).toBe('first')
  })

  it('walks nesting far deeper than the call stack would allow', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}"\\u0000"${']'.repeat(200_000)}`) as unknown
    expect(nulCharacterAt(deep)).toBe(Array.from({ length: 200_000 }, () => '0').join('.'))
  })
})
