import { describe, expect, it } from 'vitest'
import { publicationProblems, type VersionDraft } from './publication.ts'

const good: VersionDraft = {
  title: { en: 'Birth certificate', ur: 'پیدائش کا سرٹیفکیٹ' },
  summary: { en: 'Get a birth certificate', ur: 'پیدائش کا سرٹیفکیٹ حاصل کریں' },
  description: { en: 'Register a birth and get the certificate.', ur: 'پیدائش کا اندراج کروائیں۔' },
  eligibility: { en: 'Parents of a child born in the district', ur: 'ضلع میں پیدا ہونے والے بچے کے والدین' },
  requiredDocuments: [{ name: { en: 'Hospital birth slip', ur: 'ہسپتال کی پیدائشی پرچی' } }],
  formSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { childName: { type: 'string' } },
  },
  presentation: {
    steps: [{ title: { en: 'The child', ur: 'بچہ' }, fields: ['childName'] }],
    fields: { childName: { label: { en: 'Child’s name', ur: 'بچے کا نام' } } },
  },
  endpointPath: '/applications/birth-certificate',
}

describe('publishing a service version', () => {
  it('accepts a complete version', () => {
    expect(publicationProblems(good, { baseUrl: 'http://127.0.0.1:4102' })).toEqual([])
  })

  it('lists every reason at once', () => {
    const problems = publicationProblems(
      {
        ...good,
        title: { en: 'Birth certificate' },
        formSchema: { type: 'object', properties: { childName: { type: 'text' } } },
        requiredDocuments: [{ name: { en: 'Hospital birth slip' } }],
        presentation: {
          steps: [{ title: { en: 'The child', ur: 'بچہ' }, fields: ['childName', 'fatherName'] }],
          fields: { motherName: { label: { en: 'Mother’s name', ur: 'ماں کا نام' } } },
        },
      },
      { baseUrl: null },
    )
    expect(problems.map((problem) => [problem.field, problem.reason])).toEqual([
      ['title.ur', 'required'],
      ['requiredDocuments.0.name.ur', 'required'],
      ['formSchema', 'does_not_compile'],
      ['presentation.fields.motherName', 'unknown_field'],
      ['presentation.steps.0.fields', 'unknown_field'],
      ['presentation.steps.0.fields', 'unknown_field'],
      ['endpointPath', 'not_registered'],
    ])
  })

  it('refuses steps that leave a form field out, and a path that is not a plain path', () => {
    const problems = publicationProblems(
      {
        ...good,
        formSchema: {
          ...good.formSchema,
          properties: { childName: { type: 'string' }, fatherName: { type: 'string' } },
        },
        endpointPath: 'http://elsewhere.example/x',
      },
      { baseUrl: 'http://127.0.0.1:4102' },
    )
    expect(problems).toEqual([
      { field: 'presentation.steps', reason: 'incomplete', message: 'no step shows "fatherName"' },
      {
        field: 'endpointPath',
        reason: 'format',
        message: 'the endpoint path must start with / and be a plain path',
      },
    ])
  })

  it('checks a service’s own text messages: both languages, with the tracking number, not too long', () => {
    const problems = publicationProblems(
      {
        ...good,
        notificationTemplates: {
          approved: { en: 'Darwaza: {trackingNumber} approved.', ur: 'منظور ہو گئی۔' },
          completed: { en: `Darwaza: {trackingNumber} ${'done '.repeat(70)}` },
        },
      },
      { baseUrl: 'http://127.0.0.1:4102' },
    )
    expect(problems.map((problem) => [problem.field, problem.reason])).toEqual([
      ['notificationTemplates.approved.ur', 'missing_tracking_number'],
      ['notificationTemplates.completed.ur', 'required'],
      ['notificationTemplates.completed.en', 'too_long'],
    ])
  })

  it('publishes a form whose $id an earlier version (or another service) already used', () => {
    const withId = { ...good, formSchema: { ...good.formSchema, $id: 'https://forms.example.gov.pk/birth.json' } }
    expect(publicationProblems(withId, { baseUrl: 'http://127.0.0.1:4102' })).toEqual([])
    expect(publicationProblems(withId, { baseUrl: 'http://127.0.0.1:4102' })).toEqual([])
  })
})
