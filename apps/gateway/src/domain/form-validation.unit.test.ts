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
