// JSON Schemas of the organization API's answers as documented (../shared/notes/real-formats.md,
// "Atlassian organization audit log"; actor.links and event-actions from Atlassian's own typings).
// Documented objects are closed (additionalProperties: false) so a drifting simulator fails.
import Ajv, { type ValidateFunction } from 'ajv';
import * as assert from 'node:assert/strict';

const str = { type: 'string' } as const;
const links = { type: 'object', properties: { self: { type: ['string', 'null'] }, prev: { type: ['string', 'null'] }, next: { type: ['string', 'null'] } }, additionalProperties: false } as const;
const entity = {
  type: 'object',
  required: ['id', 'type', 'attributes'],
  properties: { id: str, type: str, attributes: { type: 'object' }, links: { type: 'object' } },
  additionalProperties: false,
} as const;

const event = {
  type: 'object',
  required: ['id', 'type', 'attributes', 'links', 'message'],
  additionalProperties: false,
  properties: {
    id: str,
    type: { const: 'events' },
    links: { type: 'object', required: ['self'], properties: { self: str }, additionalProperties: false },
    message: { type: 'object', required: ['content', 'format'], properties: { content: str, format: str }, additionalProperties: false },
    attributes: {
      type: 'object',
      required: ['time', 'action', 'actor', 'context', 'container'],
      additionalProperties: false,
      properties: {
        time: { type: 'string', format: 'iso-date-time' },
        processedAt: { type: 'string', format: 'iso-date-time' },
        action: str,
        actor: {
          type: 'object',
          required: ['id'],
          additionalProperties: false,
          properties: {
            id: str, name: str, email: str, links: { type: 'object' },
            auth: { type: 'object', required: ['authType'], properties: { authType: str, tokenId: str, tokenLabel: str }, additionalProperties: false },
          },
        },
        context: { type: 'array', items: entity },
        container: { type: 'array', items: entity },
        location: {
          type: 'object',
          properties: { ip: str, geo: str, countryName: str, regionName: str, city: str },
          additionalProperties: false,
        },
      },
    },
  },
} as const;

const SCHEMAS = {
  eventPage: {
    type: 'object',
    required: ['data', 'meta', 'links'],
    additionalProperties: false,
    properties: {
      data: { type: 'array', items: event },
      meta: { type: 'object', required: ['next', 'page_size'], properties: { next: { type: ['string', 'null'] }, page_size: { type: 'integer', minimum: 1 } }, additionalProperties: false },
      links,
    },
  },
  orgPage: {
    type: 'object',
    required: ['data', 'links'],
    additionalProperties: false,
    properties: {
      data: { type: 'array', items: { ...entity, required: ['id', 'type', 'attributes', 'links'], properties: { ...entity.properties, type: { const: 'orgs' }, attributes: { type: 'object', required: ['name'], properties: { name: str }, additionalProperties: false } } } },
      links,
    },
  },
  eventActions: {
    type: 'object',
    required: ['data'],
    additionalProperties: false,
    properties: {
      data: { type: 'array', items: { type: 'object', required: ['id', 'type', 'attributes'], additionalProperties: false, properties: { id: str, type: str, attributes: { type: 'object', required: ['displayName'], properties: { displayName: str, groupDisplayName: str, groupDisplayNames: { type: 'array', items: str } }, additionalProperties: false } } } },
      links,
      meta: { type: 'object' },
    },
  },
  /** The api.atlassian.com gateway's error body. */
  gatewayError: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'integer' }, message: str }, additionalProperties: false },
} as const;

export type OrgSchemaName = keyof typeof SCHEMAS;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
ajv.addFormat('iso-date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
const compiled = new Map<OrgSchemaName, ValidateFunction>();

export function assertMatchesOrgSchema(name: OrgSchemaName, data: unknown): void {
  let validate = compiled.get(name);
  if (validate === undefined) {
    validate = ajv.compile(SCHEMAS[name]);
    compiled.set(name, validate);
  }
  assert.ok(validate(data), `${name}: ${ajv.errorsText(validate.errors)}`);
}
