import { BadUserInputError } from '../../common/errors/domain-errors';
import { safeLinkUrl, WEB_LINK_SCHEMES } from '../../common/urls/safe-url';
import { ContentModelDefinition, FieldDefinition } from './content-model.types';
import { isUuid } from '../../common/ids/uuid';

/** No single text may exceed this, whatever the model says: it keeps rows and renderings bounded. */
export const MAX_TEXT_LENGTH = 100_000;
/** A date, or a date and time with an offset: other spellings ("12/01/2027") depend on who reads them. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

export interface FieldViolation {
  path: string;
  message: string;
}

/**
 * Checks an item's fields against its model; throws one BadUserInputError that names the first
 * offending path and lists every violation in `extensions.violations`.
 */
export function validateFields(model: ContentModelDefinition, fields: unknown, basePath = 'fields', linkSchemes: readonly string[] = WEB_LINK_SCHEMES): Record<string, unknown> {
  refuseViolations(collectViolations(model, fields, basePath, linkSchemes));
  return fields as Record<string, unknown>;
}

/** One BadUserInputError for all the problems found: the first named, every one in `extensions.violations`. */
export function refuseViolations(violations: FieldViolation[]): void {
  if (violations.length === 0) return;
  const [first] = violations;
  const more = violations.length > 1 ? ` (and ${violations.length - 1} more problem${violations.length > 2 ? 's' : ''})` : '';
  throw new BadUserInputError(`${first.path}: ${first.message}${more}`, first.path, { violations });
}

export function collectViolations(model: ContentModelDefinition, fields: unknown, basePath = 'fields', linkSchemes: readonly string[] = WEB_LINK_SCHEMES): FieldViolation[] {
  if (!isPlainObject(fields)) return [{ path: basePath, message: 'must be an object of field values' }];
  const violations: FieldViolation[] = [];
  const known = new Set(model.fields.map((field) => field.key));
  for (const key of Object.keys(fields)) {
    if (!known.has(key)) {
      violations.push({ path: `${basePath}.${key}`, message: `is not a field of model "${model.key}" (fields: ${[...known].join(', ')})` });
    }
  }
  for (const field of model.fields) {
    const value = fields[field.key];
    const path = `${basePath}.${field.key}`;
    if (isEmpty(value)) {
      if (field.required) violations.push({ path, message: 'is required' });
      continue;
    }
    violations.push(...checkValue(field, value, path, linkSchemes));
  }
  return violations;
}

function checkValue(field: Omit<FieldDefinition, 'key'>, value: unknown, path: string, linkSchemes: readonly string[]): FieldViolation[] {
  const fail = (message: string) => [{ path, message }];
  switch (field.type) {
    case 'text':
    case 'markdown':
      return checkText(field, value, path);
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) return fail('must be a number');
      if (field.min !== undefined && value < field.min) return fail(`must be at least ${field.min}`);
      if (field.max !== undefined && value > field.max) return fail(`must be at most ${field.max}`);
      return [];
    case 'boolean':
      return typeof value === 'boolean' ? [] : fail('must be true or false');
    case 'date':
      return typeof value === 'string' && ISO_DATE.test(value) && !Number.isNaN(Date.parse(value)) ? [] : fail('must be an ISO 8601 date, e.g. 2027-06-01 or 2027-06-01T09:00:00Z');
    case 'enum':
      return typeof value === 'string' && field.values?.includes(value) ? [] : fail(`must be one of ${field.values?.join(', ')}`);
    case 'reference':
      return isUuid(value) ? [] : fail('must be the id (uuid) of a content item');
    case 'image':
      return checkImage(value, path);
    case 'link':
      return checkLink(value, path, linkSchemes);
    case 'list':
      return checkList(field, value, path, linkSchemes);
  }
}

function checkText(field: Omit<FieldDefinition, 'key'>, value: unknown, path: string): FieldViolation[] {
  if (typeof value !== 'string') return [{ path, message: 'must be text' }];
  const length = [...value].length;
  const maxLength = Math.min(field.maxLength ?? MAX_TEXT_LENGTH, MAX_TEXT_LENGTH);
  if (length > maxLength) return [{ path, message: `is ${length} characters long; the maximum is ${maxLength}` }];
  if (field.minLength !== undefined && length < field.minLength) {
    return [{ path, message: `is ${length} characters long; the minimum is ${field.minLength}` }];
  }
  if (field.pattern !== undefined && !new RegExp(field.pattern, 'u').test(value)) {
    return [{ path, message: `does not match the pattern ${field.pattern}` }];
  }
  return [];
}

function checkImage(value: unknown, path: string): FieldViolation[] {
  if (!isPlainObject(value)) return [{ path, message: 'must be an object { assetId } or { url }, with an optional alt' }];
  const violations: FieldViolation[] = [];
  for (const key of Object.keys(value)) {
    if (!['assetId', 'url', 'alt'].includes(key)) violations.push({ path: `${path}.${key}`, message: 'is not a property of an image (assetId, url, alt)' });
  }
  if (value.assetId === undefined && value.url === undefined) violations.push({ path, message: 'needs an assetId or a url' });
  if (value.assetId !== undefined && !isUuid(value.assetId)) {
    violations.push({ path: `${path}.assetId`, message: 'must be the id (uuid) of an asset' });
  }
  if (value.url !== undefined && (typeof value.url !== 'string' || safeLinkUrl(value.url, ['http', 'https']) !== value.url)) {
    violations.push({ path: `${path}.url`, message: 'must be an http(s) URL without control characters' });
  }
  if (value.alt !== undefined && (typeof value.alt !== 'string' || value.alt.length > 1000)) {
    violations.push({ path: `${path}.alt`, message: 'must be text of at most 1000 characters' });
  }
  return violations;
}

function checkLink(value: unknown, path: string, linkSchemes: readonly string[]): FieldViolation[] {
  if (!isPlainObject(value)) return [{ path, message: 'must be an object { label, url }' }];
  const violations: FieldViolation[] = [];
  for (const key of Object.keys(value)) {
    if (key !== 'label' && key !== 'url') violations.push({ path: `${path}.${key}`, message: 'is not a property of a link (label, url)' });
  }
  if (typeof value.label !== 'string' || value.label.trim() === '' || value.label.length > 200) {
    violations.push({ path: `${path}.label`, message: 'must be text of 1 to 200 characters' });
  }
  if (typeof value.url !== 'string' || safeLinkUrl(value.url, linkSchemes) !== value.url) {
    violations.push({ path: `${path}.url`, message: `must be an absolute URL with one of the schemes ${linkSchemes.join(', ')}, without control characters` });
  }
  return violations;
}

function checkList(field: Omit<FieldDefinition, 'key'>, value: unknown, path: string, linkSchemes: readonly string[]): FieldViolation[] {
  if (!Array.isArray(value)) return [{ path, message: 'must be a list' }];
  if (field.maxItems !== undefined && value.length > field.maxItems) return [{ path, message: `has ${value.length} items; the maximum is ${field.maxItems}` }];
  if (field.minItems !== undefined && value.length < field.minItems) return [{ path, message: `has ${value.length} items; the minimum is ${field.minItems}` }];
  if (value.length > 1000) return [{ path, message: `has ${value.length} items; the maximum is 1000` }];
  const itemField = field.items as Omit<FieldDefinition, 'key'>;
  return value.flatMap((item, index) => checkValue(itemField, item, `${path}[${index}]`, linkSchemes));
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
