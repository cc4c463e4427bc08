// Checks form data against a service version's JSON Schema (draft 2020-12). Each schema is compiled
// once per published version: published versions never change, so the compiled validator never goes stale.
// Every field at fault is named with a stable reason code and a sentence in the citizen's language
// that uses the field's label and the limit it broke.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import type { FieldPresentation } from '@darwaza/contracts/catalogue'
import type { FieldError } from '@darwaza/contracts/errors'
import { pickLanguage, type Language } from '@darwaza/contracts/localized'

import { digitsOnly, fieldMessage, type FieldProblem } from './field-messages.ts'
import { createSchemaCompiler } from './json-schema.ts'

const ajv = createSchemaCompiler()
const compiled = new Map<string, ValidateFunction>()

/** How the errors are worded: the citizen's language and the form's labels (presentation hints). */
export interface FieldWording {
  language?: Language | undefined
  fields?: Record<string, Partial<Pick<FieldPresentation, 'label' | 'placeholder' | 'options'>>> | undefined
}

export function validateForm(
  versionKey: string,
  schema: Record<string, unknown>,
  data: Record<string, unknown>,
  wording: FieldWording = {},
): FieldError[] {
  let validate = compiled.get(versionKey)
  if (!validate) {
    validate = ajv.compile(schema)
    compiled.set(versionKey, validate)
  }
  if (validate(data)) return []
  const language = wording.language ?? 'en'
  return (validate.errors ?? []).map((error) => {
    const { field, problem } = toProblem(error, wording)
    const hint = wording.fields?.[field]
    const label = hint?.label ? pickLanguage(hint.label, language) : field
    const reason = problem.reason === 'invalid' ? problem.keyword : problem.reason
    return { field, reason, message: fieldMessage(problem, language, label) }
  })
}

function toProblem(error: ErrorObject, wording: FieldWording): { field: string; problem: FieldProblem } {
  const at = error.instancePath.split('/').filter(Boolean).join('.')
  const join = (name: string) => (at ? `${at}.${name}` : name)
  const limit = Number(error.params.limit)
  switch (error.keyword) {
    case 'required':
      return { field: join(String(error.params.missingProperty)), problem: { reason: 'required' } }
    case 'additionalProperties':
      return { field: join(String(error.params.additionalProperty)), problem: { reason: 'unknown_field' } }
    case 'pattern':
      return {
        field: at,
        problem: {
          reason: 'format',
          digits: digitsOnly(String(error.params.pattern)),
          example: wording.fields?.[at]?.placeholder,
        },
      }
    case 'format':
      return { field: at, problem: { reason: 'format', format: String(error.params.format) } }
    case 'minLength':
      return { field: at, problem: { reason: 'too_short', limit } }
    case 'maxLength':
      return { field: at, problem: { reason: 'too_long', limit } }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { field: at, problem: { reason: error.keyword, limit } }
    case 'type':
      return { field: at, problem: { reason: 'wrong_type', type: String(error.params.type) } }
    case 'enum': {
      const options = wording.fields?.[at]?.options
      const allowed = (error.params.allowedValues as unknown[]).map((value) => {
        const text = options?.[String(value)]
        return text ? pickLanguage(text, wording.language ?? 'en') : String(value)
      })
      return { field: at, problem: { reason: 'not_allowed', allowed } }
    }
    default:
      return { field: at, problem: { reason: 'invalid', keyword: error.keyword } }
  }
}
