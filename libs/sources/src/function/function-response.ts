import type { SourcePage, SourceRecord } from '../engine/source-page';
import { SourceRunError } from '../engine/source-page';
import { FunctionProtocolError } from './function-client';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

function recordsByEntity(field: string, value: unknown): Record<string, Record<string, unknown>[]> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new FunctionProtocolError(`"${field}" must be an object of entity → records`, 'InvalidResponse');
  for (const [entity, records] of Object.entries(value)) {
    if (!Array.isArray(records) || !records.every(isObject)) {
      throw new FunctionProtocolError(`"${field}.${entity}" must be an array of objects`, 'InvalidResponse');
    }
  }
  return value as Record<string, Record<string, unknown>[]>;
}

function primaryKeys(value: unknown): Record<string, string[]> {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw new FunctionProtocolError('"schema" must be an object of entity → { primary_key }', 'InvalidResponse');
  const keys: Record<string, string[]> = {};
  for (const [entity, spec] of Object.entries(value)) {
    const columns = isObject(spec) ? spec['primary_key'] : undefined;
    if (!Array.isArray(columns) || columns.length === 0 || !columns.every((c) => typeof c === 'string')) {
      throw new FunctionProtocolError(`"schema.${entity}.primary_key" must be a non-empty array of column names`, 'InvalidResponse');
    }
    keys[entity] = columns as string[];
  }
  return keys;
}

/** Reads one function response (seed 001's format) into a page; an `errorMessage` stops the run. */
export function parseFunctionResponse(body: unknown): SourcePage {
  if (!isObject(body)) throw new FunctionProtocolError('the function answered with JSON that is not an object', 'InvalidResponse');
  if (body['errorMessage'] !== undefined) {
    const errorType = typeof body['errorType'] === 'string' ? body['errorType'] : undefined;
    throw new SourceRunError(String(body['errorMessage']), errorType, body['stackTrace']);
  }
  if (!isObject(body['state'])) throw new FunctionProtocolError('"state" must be an object in every response', 'InvalidResponse');
  if (body['hasMore'] !== undefined && typeof body['hasMore'] !== 'boolean') {
    throw new FunctionProtocolError('"hasMore" must be a boolean', 'InvalidResponse');
  }
  const softDelete = body['softDelete'] ?? [];
  if (!Array.isArray(softDelete) || !softDelete.every((e) => typeof e === 'string')) {
    throw new FunctionProtocolError('"softDelete" must be an array of entity names', 'InvalidResponse');
  }
  const schema = primaryKeys(body['schema']);
  const toRecords = (byEntity: Record<string, Record<string, unknown>[]>): SourceRecord[] =>
    Object.entries(byEntity).flatMap(([entity, records]) => records.map((record) => ({ entity, record, primaryKey: schema[entity] })));
  const deletes = recordsByEntity('delete', body['delete']);
  const notes: string[] = [];
  for (const entity of Object.keys(deletes)) {
    if (!schema[entity]) throw new FunctionProtocolError(`"delete.${entity}" needs the entity's primary key in "schema"`, 'InvalidResponse');
  }
  return {
    state: body['state'],
    upserts: toRecords(recordsByEntity('insert', body['insert'])),
    deletes: toRecords(deletes),
    softDeleteEntities: softDelete as string[],
    hasMore: body['hasMore'] === true,
    notes,
  };
}
