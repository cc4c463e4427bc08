// Every language has every text: a key missing (or empty) in one language, or a placeholder that
// does not match English, fails the build rather than showing a citizen a raw key.
import { describe, expect, it } from 'vitest'
import { translations } from './i18n.ts'

type Tree = { [key: string]: string | Tree }

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const texts = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') texts.set(`${prefix}${key}`, value)
    else for (const [inner, text] of flatten(value, `${prefix}${key}.`)) texts.set(inner, text)
  }
  return texts
}

/** i18next plural forms ("_one", "_other", …) differ by language; compare the base key. */
const baseKey = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '')
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((match) => match[1]).sort()

const english = flatten(translations.en as Tree)
const languages = Object.entries(translations).filter(([language]) => language !== 'en')

describe.each(languages)('the %s translation', (_language, tree) => {
  const texts = flatten(tree as Tree)

  it('has every English text, and nothing English lacks', () => {
    const theirs = new Set([...texts.keys()].map(baseKey))
    const ours = new Set([...english.keys()].map(baseKey))
    expect([...ours].filter((key) => !theirs.has(key))).toEqual([])
    expect([...theirs].filter((key) => !ours.has(key))).toEqual([])
  })

  it('leaves no text empty and keeps the same placeholders', () => {
    for (const [key, text] of texts) {
      expect(text.trim(), key).not.toBe('')
      const source = english.get(key) ?? english.get(`${baseKey(key)}_other`) ?? english.get(baseKey(key)) ?? ''
      expect(placeholders(text), key).toEqual(placeholders(source))
    }
  })
})
