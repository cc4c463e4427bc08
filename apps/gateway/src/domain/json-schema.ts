// The one JSON Schema (draft 2020-12) configuration the gateway uses, for checking a schema before it
// is published and for validating forms against it, so a schema that publishes is one that validates.
// Schemas are not added to the compiler's registry by their `$id` (addUsedSchema: false): every
// version of a form, and forms of different services, may carry the same `$id`, and each is compiled
// on its own; a registered `$id` would make the next schema with it fail ("already exists").
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

export function createSchemaCompiler(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true, coerceTypes: false, addUsedSchema: false })
  addFormats.default(ajv, ['date', 'time', 'date-time', 'email', 'uri'])
  return ajv
}
