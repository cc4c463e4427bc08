// Checks form data against a service version's JSON Schema (draft 2020-12). Each schema is compiled
// once per published version: published versions never change, so the compiled validator never goes stale.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import type { FieldError } from '@darwaza/contracts/errors'

import { createSchemaCompiler } from './json-schema.ts'

const ajv = createSchemaCompiler()
const compiled = new Map<string, ValidateFunction>()

export function validateForm(
  versionKey: string,
  schema: Record<string, unknown>,
  data: Record<string, unknown>,
): FieldError[] {
  let validate = compiled.get(versionKey)
  if (!validate) {
    validate = ajv.compile(schema)
    compiled.set(versionKey, validate)
  }
  return validate(data) ? [] : (validate.errors ?? []).map(toFieldError)
}

function toFieldError(error: ErrorObject): FieldError {
  const at = error.instancePath.split('/').filter(Boolean).join('.')
  const join = (name: string) => (at ? `${at}.${name}` : name)
  switch (error.keyword) {
    case 'required':
      return { field: join(String(error.params.missingProperty)), reason: 'required', message: 'is required' }
    case 'additionalProperties':
      return {
        field: join(String(error.params.additionalProperty)),
        reason: 'unknown_field',
        message: 'is not a field of this form',
      }
    case 'pattern':
    case 'format':
      return { field: at, reason: 'format', message: 'is not in the expected format' }
    case 'minLength':
      return { field: at, reason: 'too_short', message: `must be at least ${String(error.params.limit)} characters` }
    case 'maxLength':
      return { field: at, reason: 'too_long', message: `must be at most ${String(error.params.limit)} characters` }
    case 'type':
      return { field: at, reason: 'wrong_type', message: `must be a ${String(error.params.type)}` }
    case 'enum':
      return { field: at, reason: 'not_allowed', message: 'is not one of the allowed values' }
    default:
      return { field: at, reason: error.keyword, message: error.message ?? 'is not valid' }
  }
}
