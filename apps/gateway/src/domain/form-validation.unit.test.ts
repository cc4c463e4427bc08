import { describe, expect, it } from 'vitest'
import { validateForm } from './form-validation.ts'

const schema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  additionalProperties: false,
  required: ['challanNumber'],
  properties: {
    challanNumber: { type: 'string', pattern: '^[0-9]{10}$' },
    note: { type: 'string', maxLength: 5 },
  },
}

describe('form validation against a service version’s JSON Schema', () => {
  it('accepts valid data', () => {
    expect(validateForm('t@1', schema, { challanNumber: '1234567890' })).toEqual([])
  })

  it('names every field at fault with a reason', () => {
    expect(validateForm('t@1', schema, { note: 'far too long', colour: 'red' })).toEqual(
      expect.arrayContaining([
        { field: 'challanNumber', reason: 'required', message: 'is required' },
        { field: 'colour', reason: 'unknown_field', message: 'is not a field of this form' },
        { field: 'note', reason: 'too_long', message: 'must be at most 5 characters' },
      ]),
    )
  })

  it('reports a malformed value as a format error on that field', () => {
    expect(validateForm('t@1', schema, { challanNumber: '12345' })).toEqual([
      { field: 'challanNumber', reason: 'format', message: 'is not in the expected format' },
    ])
    expect(validateForm('t@1', schema, { challanNumber: 1234567890 })).toEqual([
      { field: 'challanNumber', reason: 'wrong_type', message: 'must be a string' },
    ])
  })
})

describe('schemas that share an $id', () => {
  const withId = (maxLength: number) => ({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://forms.example.gov.pk/birth-certificate.json',
    type: 'object',
    additionalProperties: false,
    required: ['childName'],
    properties: { childName: { $ref: '#/$defs/name' } },
    $defs: { name: { type: 'string', maxLength } },
  })

  it('validates version 2 of a form with the same $id as version 1, each by its own rules', () => {
    expect(validateForm('birth-certificate@1', withId(5), { childName: 'Ali' })).toEqual([])
    expect(validateForm('birth-certificate@2', withId(2), { childName: 'Ali' })).toEqual([
      expect.objectContaining({ field: 'childName', reason: 'too_long' }),
    ])
    // Each version keeps its own compiled rules.
    expect(validateForm('birth-certificate@1', withId(5), { childName: 'Ali' })).toEqual([])
  })

  it('validates two services whose forms carry the same $id', () => {
    expect(validateForm('shared-id-a@1', withId(10), { childName: 'Ayesha' })).toEqual([])
    expect(validateForm('shared-id-b@1', withId(3), { childName: 'Ayesha' })).toEqual([
      expect.objectContaining({ field: 'childName', reason: 'too_long' }),
    ])
  })

  it('resolves a reference to the form’s own $id', () => {
    const schema = {
      ...withId(4),
      $id: 'https://forms.example.gov.pk/self-reference.json',
      properties: { childName: { $ref: 'https://forms.example.gov.pk/self-reference.json#/$defs/name' } },
    }
    expect(validateForm('self-reference@1', schema, { childName: 'Ayesha' })).toEqual([
      expect.objectContaining({ field: 'childName', reason: 'too_long' }),
    ])
    expect(validateForm('self-reference@2', schema, { childName: 'Ali' })).toEqual([])
  })
})
