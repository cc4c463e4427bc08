// The published catalogue as open data: JSON-LD in the EU's Core Public Service Vocabulary (CPSV-AP 3)
// together with schema.org's GovernmentService, and a flat CSV. Only what the catalogue shows the
// public goes out: no personal data exists in a catalogue entry.
import type { CatalogueEntry } from '@darwaza/contracts/catalogue'
import type { LocalizedText } from '@darwaza/contracts/localized'
import { stringify } from 'csv-stringify/sync'
import type { CentreDayStatistics } from './queue.ts'

export const openDataContext = {
  cpsv: 'http://purl.org/vocab/cpsv#',
  cv: 'http://data.europa.eu/m8g/',
  dct: 'http://purl.org/dc/terms/',
  skos: 'http://www.w3.org/2004/02/skos/core#',
  schema: 'https://schema.org/',
  xsd: 'http://www.w3.org/2001/XMLSchema#',
} as const

function languageValues(text: LocalizedText) {
  return Object.entries(text).map(([language, value]) => ({ '@value': value, '@language': language }))
}

/** ISO 8601 duration for a processing time in working days (P0D: answered at once). */
function processingTime(days: number | null) {
  return days === null ? undefined : { '@value': `P${days}D`, '@type': 'xsd:duration' }
}

export function catalogueJsonLd(entries: CatalogueEntry[], baseUrl: string) {
  const organisations = new Map<string, CatalogueEntry['department']>()
  for (const entry of entries) organisations.set(entry.department.code, entry.department)
  const organisationId = (code: string) => `${baseUrl}/open-data/departments/${code}`

  const services = entries.map((entry) => ({
    '@id': `${baseUrl}/open-data/services/${entry.slug}`,
    '@type': ['cpsv:PublicService', 'schema:GovernmentService'],
    'dct:identifier': entry.slug,
    'dct:title': languageValues(entry.title),
    'dct:description': languageValues(entry.summary),
    'schema:name': languageValues(entry.title),
    'schema:description': languageValues(entry.summary),
    'schema:serviceType': entry.category,
    'cv:hasCompetentAuthority': { '@id': organisationId(entry.department.code) },
    'schema:provider': { '@id': organisationId(entry.department.code) },
    'cv:processingTime': processingTime(entry.processingDays),
    'cv:hasCost': cost(entry.fee),
    'cv:hasRequirement': entry.requiredDocuments.map((document) => ({
      '@type': 'cv:Evidence',
      'dct:title': languageValues(document.name),
      ...(document.description ? { 'dct:description': languageValues(document.description) } : {}),
    })),
    'cv:hasChannel': entry.channels.map((channel) => ({
      '@id': `${baseUrl}/open-data/services/${entry.slug}#channel-${channel}`,
      '@type': ['cv:Channel', 'schema:ServiceChannel'],
      'dct:type': channel,
      'schema:name': channel,
      'cv:ownedBy': { '@id': organisationId(entry.department.code) },
    })),
  }))

  const authorities = [...organisations.values()].map((department) => ({
    '@id': organisationId(department.code),
    '@type': ['cv:PublicOrganisation', 'schema:GovernmentOrganization'],
    'dct:identifier': department.code,
    'skos:prefLabel': languageValues(department.name),
    'schema:name': languageValues(department.name),
    'dct:spatial': { '@id': 'http://publications.europa.eu/resource/authority/country/PAK' },
  }))

  return { '@context': openDataContext, '@graph': [...services, ...authorities] }
}

function cost(fee: CatalogueEntry['fee']) {
  if (fee.kind === 'fixed') {
    return {
      '@type': 'cv:Cost',
      'cv:value': { '@value': (fee.amountMinor / 100).toFixed(2), '@type': 'xsd:decimal' },
      'cv:currency': { '@id': `http://publications.europa.eu/resource/authority/currency/${fee.currency}` },
    }
  }
  if (fee.kind === 'free') return { '@type': 'cv:Cost', 'cv:value': { '@value': '0.00', '@type': 'xsd:decimal' } }
  return {
    '@type': 'cv:Cost',
    'dct:description': { '@value': 'Quoted by the department when you apply', '@language': 'en' },
  }
}

export const catalogueCsvColumns = [
  'slug',
  'version',
  'kind',
  'category',
  'title_en',
  'title_ur',
  'summary_en',
  'summary_ur',
  'department_code',
  'department_en',
  'department_ur',
  'channels',
  'fee_kind',
  'fee_amount',
  'fee_currency',
  'processing_days',
] as const

/** A cell that starts like a formula is prefixed so spreadsheets show it as text (CSV injection). */
function cell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value
}

export function catalogueCsv(entries: CatalogueEntry[]): string {
  const rows = entries.map((entry) =>
    [
      entry.slug,
      String(entry.version),
      entry.kind,
      entry.category,
      entry.title.en,
      entry.title.ur,
      entry.summary.en,
      entry.summary.ur,
      entry.department.code,
      entry.department.name.en,
      entry.department.name.ur,
      entry.channels.join(' '),
      entry.fee.kind,
      entry.fee.kind === 'fixed' ? (entry.fee.amountMinor / 100).toFixed(2) : '',
      entry.fee.kind === 'fixed' ? entry.fee.currency : '',
      entry.processingDays === null ? '' : String(entry.processingDays),
    ].map(cell),
  )
  return stringify([[...catalogueCsvColumns], ...rows], { record_delimiter: '\r\n' })
}

export const serviceCentreStatisticsColumns = [
  'service_centre',
  'service_centre_name_en',
  'service_centre_name_ur',
  'day',
  'tickets_issued',
  'citizens_served',
  'no_shows',
  'median_wait_minutes',
  'p90_wait_minutes',
  'served_per_hour',
] as const

/** Each centre's queue figures per day: waiting times and throughput, nothing about any person. */
export function serviceCentreStatisticsCsv(rows: readonly CentreDayStatistics[]): string {
  const figure = (value: number | null) => (value === null ? '' : String(value))
  const lines = rows.map((row) =>
    [
      row.serviceCentre,
      row.serviceCentreName.en,
      row.serviceCentreName.ur,
      row.day,
      String(row.issued),
      String(row.served),
      String(row.noShows),
      figure(row.medianWaitMinutes),
      figure(row.p90WaitMinutes),
      figure(row.servedPerHour),
    ].map(cell),
  )
  return stringify([[...serviceCentreStatisticsColumns], ...lines], { record_delimiter: '\r\n' })
}
