// Validators for the audit API's schemas, straight from the OpenAPI 3.0 spec: its component
// schemas are turned into JSON Schema (nullable, $ref, int32/int64) and compiled with ajv.
// Reusable by any test: validatorFor('AuditRecordArray')(body), or assertMatchesSchema(name, body).
import Ajv, { type ValidateFunction } from 'ajv';
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';

const SPEC_NAME = 'confluence-audit.openapi.yaml';

/** The spec: ../shared/spec beside the repository (authoritative), else the copy in test/fixtures. */
export function specPath(): string {
  const root = repoRoot();
  const candidates = [
    process.env['CONFLUENCE_AUDIT_SPEC'],
    path.join(root, '..', 'shared', 'spec', SPEC_NAME),
    path.join(root, 'test', 'fixtures', 'simulator', SPEC_NAME),
  ];
  const found = candidates.find((c): c is string => typeof c === 'string' && existsSync(c));
  if (!found) {
    throw new Error(`Cannot find ${SPEC_NAME} (looked in ${candidates.filter(Boolean).join(', ')})`);
  }
  return found;
}

function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new Error('package.json not found above ' + __dirname);
    }
    dir = parent;
  }
  return dir;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** OpenAPI 3.0 schema object -> JSON Schema (draft-07) for ajv. */
export function toJsonSchema(schema: Json): Json {
  if (Array.isArray(schema)) {
    return schema.map(toJsonSchema);
  }
  if (schema === null || typeof schema !== 'object') {
    return schema;
  }
  const out: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable' || key === 'example' || key === 'xml' || key.startsWith('x-')) {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out[key] = value.replace('#/components/schemas/', '#/definitions/');
    } else if (key === 'properties' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
      out[key] = Object.fromEntries(Object.entries(value).map(([name, s]) => [name, toJsonSchema(s)]));
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (schema['nullable'] === true) {
    if (typeof out['type'] === 'string') {
      out['type'] = [out['type'], 'null'];
    }
    if (Array.isArray(out['enum'])) {
      out['enum'] = [...out['enum'], null];
    }
    if (typeof out['$ref'] === 'string') {
      return { anyOf: [{ $ref: out['$ref'] }, { type: 'null' }] };
    }
  }
  return out;
}

let ajv: Ajv | undefined;

function compiler(): Ajv {
  if (ajv) {
    return ajv;
  }
  const spec = parse(readFileSync(specPath(), 'utf8')) as { components: { schemas: Record<string, Json> } };
  const definitions = Object.fromEntries(Object.entries(spec.components.schemas).map(([name, s]) => [name, toJsonSchema(s)]));
  ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  ajv.addFormat('int32', { type: 'number', validate: (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31 });
  ajv.addFormat('int64', { type: 'number', validate: (n: number) => Number.isSafeInteger(n) });
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: 'spec', definitions }, 'spec');
  return ajv;
}

const cache = new Map<string, ValidateFunction>();

/** A validator for components.schemas[schemaName]. */
export function validatorFor(schemaName: string): ValidateFunction {
  let validate = cache.get(schemaName);
  if (!validate) {
    validate = compiler().compile({ $ref: `spec#/definitions/${schemaName}` });
    cache.set(schemaName, validate);
  }
  return validate;
}

/** Throws an Error listing every violation when `data` does not match the schema. */
export function assertMatchesSchema(schemaName: string, data: unknown): void {
  const validate = validatorFor(schemaName);
  if (!validate(data)) {
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`).slice(0, 20);
    throw new Error(`Not a valid ${schemaName}:\n  ${problems.join('\n  ')}`);
  }
}
