// Our types against the spec: property names, required lists, nullability and enums of every schema
// the client uses. The *Shape objects below are checked by the compiler against src/api/types.ts
// (add or make optional a property there and this file stops compiling); the tests compare them
// with the spec YAML. Simulator answers, parsed by the client, must validate against the spec.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import type { Simulator } from '../../../simulator';
import {
  EXPORT_FORMATS, OPERATION_NAMES, RETENTION_UNITS, SINCE_UNITS, parseAuditRecord,
  type AffectedObject, type AuditRecord, type AuditRecordArray, type AuditRecordAuthor, type AuditRecordCreate,
  type AuditRecordCreateAuthor, type ChangedValue, type OperationCheckResult, type RetentionPeriod,
} from '../../../src/api';
import { specPath, validatorFor } from '../simulator/specSchemas';
import { clientFor, closeClients, startSim } from './helpers/sim';

type RequiredKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? never : K }[keyof T];
/** Per property: is it required, and may it be null. The compiler fills in nothing; it only checks. */
type Shape<T> = { [K in keyof T]-?: { required: K extends RequiredKeys<T> ? true : false; nullable: null extends T[K] ? true : false } };

const R = { required: true, nullable: false } as const;
const O = { required: false, nullable: false } as const;
const ON = { required: false, nullable: true } as const;

const affectedObject: Shape<AffectedObject> = { name: R, objectType: R };
const changedValue: Shape<ChangedValue> = { name: R, oldValue: R, newValue: R, hiddenOldValue: O, hiddenNewValue: O };
const operationCheckResult: Shape<OperationCheckResult> = { operation: R, targetType: R };
const author: Shape<AuditRecordAuthor> = {
  type: R, displayName: R, operations: ON, username: ON, userKey: ON, accountId: ON, accountType: O,
  externalCollaborator: O, isExternalCollaborator: O, isGuest: O, publicName: O,
};
const auditRecord: Shape<AuditRecord> = {
  author: R, remoteAddress: R, creationDate: R, summary: R, description: R, category: R, sysAdmin: R, superAdmin: O,
  affectedObject: R, changedValues: R, associatedObjects: R,
};
const auditRecordArray: Shape<AuditRecordArray> = { results: R, start: R, limit: R, size: R, _links: R };
const retentionPeriod: Shape<RetentionPeriod> = { number: R, units: R };
const createAuthor: Shape<AuditRecordCreateAuthor> = { type: R, displayName: O, operations: ON, username: ON, userKey: ON };
const auditRecordCreate: Shape<AuditRecordCreate> = {
  author: O, remoteAddress: R, creationDate: O, summary: O, description: O, category: O, sysAdmin: O,
  affectedObject: O, changedValues: O, associatedObjects: O,
};

const OURS: Record<string, Record<string, { required: boolean; nullable: boolean }>> = {
  AffectedObject: affectedObject, ChangedValue: changedValue, OperationCheckResult: operationCheckResult,
  AuditRecordAuthor: author, AuditRecord: auditRecord, AuditRecordArray: auditRecordArray, RetentionPeriod: retentionPeriod,
  AuditRecordCreateAuthor: createAuthor, AuditRecordCreate: auditRecordCreate,
};

interface SpecSchema {
  properties?: Record<string, { $ref?: string; nullable?: boolean; enum?: string[]; items?: { $ref?: string } }>;
  required?: string[];
  enum?: string[];
  nullable?: boolean;
}
interface Spec {
  components: { schemas: Record<string, SpecSchema> };
  paths: Record<string, Record<string, { parameters?: Array<{ name: string; schema: { enum?: string[] } }> }>>;
}

const spec = parse(readFileSync(specPath(), 'utf8')) as Spec;
const schemas = spec.components.schemas;

function specNullable(p: { $ref?: string; nullable?: boolean }): boolean {
  if (p.nullable === true) {
    return true;
  }
  const target = p.$ref?.replace('#/components/schemas/', '');
  return target !== undefined && schemas[target]?.nullable === true;
}

function paramEnum(path: string, name: string): string[] | undefined {
  return spec.paths[path]?.get?.parameters?.find((p) => p.name === name)?.schema.enum;
}

describe('api types vs the OpenAPI spec', () => {
  for (const [name, ours] of Object.entries(OURS)) {
    it(`${name}: same property names and required list; nullable where the spec says so`, () => {
      const schema = schemas[name];
      assert.ok(schema?.properties, `spec has no schema ${name}`);
      assert.deepEqual(Object.keys(ours).sort(), Object.keys(schema.properties).sort());
      const oursRequired = Object.entries(ours).filter(([, s]) => s.required).map(([k]) => k).sort();
      assert.deepEqual(oursRequired, [...(schema.required ?? [])].sort());
      for (const [prop, p] of Object.entries(schema.properties)) {
        if (specNullable(p)) {
          assert.equal(ours[prop]?.nullable, true, `${name}.${prop} is nullable in the spec`);
        }
      }
    });
  }

  it('enums: since units, retention units, operation names, export formats, author type', () => {
    assert.deepEqual([...SINCE_UNITS], paramEnum('/wiki/rest/api/audit/since', 'units'));
    assert.deepEqual([...RETENTION_UNITS], schemas.RetentionPeriod.properties?.units?.enum);
    assert.deepEqual([...RETENTION_UNITS], schemas.UnitsEnum.enum);
    assert.deepEqual([...OPERATION_NAMES], schemas.OperationName.enum);
    assert.deepEqual([...EXPORT_FORMATS], paramEnum('/wiki/rest/api/audit/export', 'format'));
    assert.deepEqual(['user'], schemas.AuditRecordAuthor.properties?.type?.enum);
    assert.deepEqual(['user'], schemas.AuditRecordCreateAuthor.properties?.type?.enum);
  });

  describe('simulator answers parsed by the client validate against the spec', () => {
    let sim: Simulator;
    let lenient: Simulator;
    before(async () => {
      sim = await startSim({ records: 200, seed: 11 });
      lenient = await startSim({ records: 200, seed: 12, lenientShapes: true });
    });
    after(async () => {
      await closeClients();
      await Promise.all([sim.stop(), lenient.stop()]);
    });

    for (const which of ['strict', 'lenient'] as const) {
      it(`${which} shapes: pages, records, retention`, async () => {
        const { client } = clientFor(which === 'strict' ? sim : lenient);
        const page = await client.getRecords({ limit: 200 });
        assert.equal(page.results.length, 200);
        const validPage = validatorFor('AuditRecordArray');
        assert.ok(validPage(page), JSON.stringify(validPage.errors?.slice(0, 3)));
        const validRecord = validatorFor('AuditRecord');
        for (const r of page.results) {
          assert.ok(validRecord(parseAuditRecord(JSON.parse(JSON.stringify(r)))), JSON.stringify(validRecord.errors?.slice(0, 3)));
        }
        assert.ok(validatorFor('RetentionPeriod')(await client.getRetention()));
      });
    }

    it('a created record validates, and the create body we send validates as AuditRecordCreate', async () => {
      const { client } = clientFor(sim);
      const body: AuditRecordCreate = { remoteAddress: '192.0.2.7', summary: 'Created by test', category: 'Test', author: { type: 'user', displayName: 'Tester' } };
      assert.ok(validatorFor('AuditRecordCreate')(body));
      assert.ok(validatorFor('AuditRecord')(await client.createRecord(body)));
    });
  });
});
