import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { describe, expect, it } from 'vitest'
import { CatalogueIndex, normalizeTerm, type SearchableEntry } from './catalogue-search.ts'

function service(
  slug: string,
  over: Partial<CatalogueEntry>,
  keywords: SearchableEntry['keywords'] = null,
): SearchableEntry {
  return {
    entry: {
      slug,
      kind: 'application',
      category: 'vehicles_and_transport',
      version: 1,
      title: { en: slug, ur: slug },
      summary: { en: '', ur: '' },
      department: { code: 'traffic-police', name: { en: 'Traffic Police', ur: 'ٹریفک پولیس' } },
      channels: ['kiosk', 'web'],
      description: { en: '', ur: '' },
      eligibility: { en: '', ur: '' },
      requiredDocuments: [],
      fee: { kind: 'free' },
      processingDays: null,
      formSchema: {},
      presentation: { fields: {} },
      ...over,
    },
    keywords,
  }
}

const index = new CatalogueIndex([
  service(
    'echallan-verification',
    {
      kind: 'lookup',
      title: { en: 'Verify an e-challan', ur: 'ای چالان کی تصدیق' },
      summary: { en: 'Check a traffic ticket', ur: 'ٹریفک چالان کی رقم معلوم کریں' },
    },
    { romanized: ['challan', 'jurmana'], ur: ['جرمانہ'] },
  ),
  service(
    'driving-licence-renewal',
    {
      title: { en: 'Renew a driving licence', ur: 'ڈرائیونگ لائسنس کی تجدید' },
      summary: { en: 'Renew an expired licence', ur: 'لائسنس کی تجدید' },
    },
    { en: ['license'], romanized: ['lisans', 'tajdeed'] },
  ),
  service(
    'birth-certificate',
    {
      category: 'family_and_civil_registration',
      title: { en: 'Birth certificate', ur: 'پیدائش کا سرٹیفکیٹ' },
      summary: { en: 'Register a birth', ur: 'پیدائش کا اندراج' },
      department: { code: 'civil-registration', name: { en: 'Civil Registration', ur: 'شہری اندراج' } },
      channels: ['web'],
    },
    { romanized: ['paidaish', 'birth form'] },
  ),
])

const slugs = (query: Parameters<CatalogueIndex['query']>[0]) => index.query(query).map((entry) => entry.slug)

describe('catalogue search', () => {
  it('finds by English words, ranking title matches first', () => {
    expect(slugs({ query: 'driving licence' })[0]).toBe('driving-licence-renewal')
    expect(slugs({ query: 'birth' })).toEqual(['birth-certificate'])
  })

  it('tolerates typos and American spelling', () => {
    expect(slugs({ query: 'licnece' })).toContain('driving-licence-renewal')
    expect(slugs({ query: 'license' })).toContain('driving-licence-renewal')
    expect(slugs({ query: 'certficate' })).toEqual(['birth-certificate'])
  })

  it('finds by Urdu script, whatever keyboard typed it', () => {
    expect(slugs({ query: 'چالان' })[0]).toBe('echallan-verification')
    expect(slugs({ query: 'پیدائش' })).toEqual(['birth-certificate'])
    expect(slugs({ query: 'لائسنس' })[0]).toBe('driving-licence-renewal')
    expect(slugs({ query: 'جرمانه' })).toEqual(['echallan-verification'])
  })

  it('finds by common romanized Urdu', () => {
    expect(slugs({ query: 'jurmana' })).toEqual(['echallan-verification'])
    expect(slugs({ query: 'paidaish' })).toEqual(['birth-certificate'])
    expect(slugs({ query: 'lisans tajdeed' })[0]).toBe('driving-licence-renewal')
  })

  it('filters by category, department and channel', () => {
    expect(slugs({ query: 'traffic', category: 'vehicles_and_transport' })).not.toContain('birth-certificate')
    expect(slugs({ query: 'certificate', department: 'traffic-police' })).toEqual([])
    expect(slugs({ query: 'renew', channel: 'kiosk' })).toEqual(['driving-licence-renewal'])
    expect(slugs({ query: 'birth', channel: 'kiosk' })).toEqual([])
  })

  it('normalizes Arabic-keyboard letters to Urdu ones', () => {
    expect(normalizeTerm('يكه')).toBe('یکہ')
    expect(normalizeTerm('Licénce')).toBe('licence')
  })
})
