import { describe, expect, it } from 'vitest'
import { publicationProblems, type VersionDraft } from './publication.ts'

const good: VersionDraft = {
  title: { en: 'Birth certificate', ur: 'پیدائش کا سرٹیفکیٹ' },
  summary: { en: 'Get a birth certificate', ur: 'پیدائش کا سرٹیفکیٹ حاصل کریں' },
  formSchema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: { childName: { type: 'string' } },
  },
  presentation: { fields: { childName: { label: { en: 'Child’s name', ur: 'بچے کا نام' } } } },
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
        presentation: { fields: { motherName: {} } },
      },
      { baseUrl: null },
    )
    expect(problems.map((problem) => [problem.field, problem.reason])).toEqual([
      ['title.ur', 'required'],
      ['formSchema', 'does_not_compile'],
      ['presentation.fields.motherName', 'unknown_field'],
      ['endpointPath', 'not_registered'],
    ])
  })
})
