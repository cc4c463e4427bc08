import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import { describe, expect, it } from 'vitest'
import { catalogueCsv, catalogueJsonLd } from './open-data.ts'

const entry: CatalogueEntry = {
  slug: 'driving-licence-renewal',
  kind: 'application',
  category: 'vehicles_and_transport',
  version: 2,
  title: { en: 'Renew a driving licence', ur: 'ڈرائیونگ لائسنس کی تجدید' },
  summary: { en: '=HYPERLINK("x"), renew it', ur: 'تجدید کروائیں' },
  department: { code: 'traffic-police', name: { en: 'Traffic Police', ur: 'ٹریفک پولیس' } },
  channels: ['kiosk', 'web'],
  description: { en: 'Renew a licence that expires within 90 days.', ur: 'لائسنس کی تجدید' },
  eligibility: { en: 'Holders of a Punjab licence', ur: 'پنجاب لائسنس رکھنے والے' },
  requiredDocuments: [{ name: { en: 'Old licence', ur: 'پرانا لائسنس' }, upload: false }],
  fee: { kind: 'fixed', amountMinor: 150_000, currency: 'PKR' },
  processingDays: 7,
  formSchema: {},
  presentation: { fields: {} },
}

type Node = Record<string, unknown> & { '@type': string[] }

describe('open data', () => {
  const document = catalogueJsonLd([entry], 'https://darwaza.example')
  const graph = document['@graph'] as unknown as Node[]
  const service = graph.find((node) => node['@type'].includes('cpsv:PublicService'))
  const authority = graph.find((node) => node['@type'].includes('cv:PublicOrganisation'))

  it('describes each service with the properties CPSV-AP 3 requires of a Public Service', () => {
    expect(service?.['@type']).toEqual(['cpsv:PublicService', 'schema:GovernmentService'])
    for (const property of ['dct:identifier', 'dct:title', 'dct:description', 'cv:hasCompetentAuthority']) {
      expect(service, property).toHaveProperty([property])
    }
    expect(service?.['dct:title']).toEqual([
      { '@value': 'Renew a driving licence', '@language': 'en' },
      { '@value': 'ڈرائیونگ لائسنس کی تجدید', '@language': 'ur' },
    ])
    expect(service?.['cv:hasCompetentAuthority']).toEqual({ '@id': authority?.['@id'] })
    expect(service?.['cv:hasCost']).toMatchObject({ 'cv:value': { '@value': '1500.00' } })
    expect(service?.['cv:processingTime']).toEqual({ '@value': 'P7D', '@type': 'xsd:duration' })
  })

  it('describes each competent authority as a Public Organisation with a label and a place', () => {
    for (const property of ['skos:prefLabel', 'dct:spatial', 'schema:name'])
      expect(authority, property).toHaveProperty([property])
  })

  it('gives schema.org a provider and the channels as ServiceChannels', () => {
    expect(service?.['schema:provider']).toEqual({ '@id': authority?.['@id'] })
    expect(service?.['cv:hasChannel']).toEqual([
      expect.objectContaining({ '@type': ['cv:Channel', 'schema:ServiceChannel'], 'dct:type': 'kiosk' }),
      expect.objectContaining({ '@type': ['cv:Channel', 'schema:ServiceChannel'], 'dct:type': 'web' }),
    ])
  })

  it('writes CSV with a header, quoting, and formulas defused', () => {
    const lines = catalogueCsv([entry]).split('\r\n')
    expect(lines[0]).toBe(
      'slug,version,kind,category,title_en,title_ur,summary_en,summary_ur,department_code,department_en,department_ur,channels,fee_kind,fee_amount,fee_currency,processing_days',
    )
    expect(lines[1]).toContain('"\'=HYPERLINK(""x""), renew it"')
    expect(lines[1]).toContain(',kiosk web,fixed,1500.00,PKR,7')
  })
})
