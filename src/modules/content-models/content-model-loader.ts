import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { contentModelFileSchema } from './content-model.schema';
import { ContentModelDefinition, FieldDefinition, FieldType } from './content-model.types';
import { MessageRoleName } from './message-roles';

/** A model file that cannot be used; start-up stops with this message. */
export class ContentModelFileError extends Error {
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    detail: string,
  ) {
    super(`Content model ${file} is invalid at ${jsonPath}: ${detail}`);
  }
}

const ajv = new Ajv({ allErrors: false, strict: false });
const validateFile = ajv.compile(contentModelFileSchema);

/** Which field types can feed each message role. */
const ROLE_FIELD_TYPES: Record<MessageRoleName, (field: FieldDefinition) => boolean> = {
  headline: (field) => isTextual(field.type),
  summary: (field) => isTextual(field.type),
  body: (field) => isTextual(field.type),
  signOff: (field) => isTextual(field.type),
  legal: (field) => isTextual(field.type),
  callToAction: (field) => field.type === 'link',
  image: (field) => field.type === 'image',
  hashtags: (field) => field.type === 'list' && field.items?.type === 'text',
};

export function loadContentModels(directory: string): ContentModelDefinition[] {
  if (!fs.existsSync(directory)) {
    throw new ContentModelFileError(directory, '$', 'the content models folder does not exist');
  }
  const files = fs
    .readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  const models = files.map((name) => parseContentModel(path.join(directory, name), fs.readFileSync(path.join(directory, name), 'utf8')));
  const seen = new Map<string, string>();
  models.forEach((model, index) => {
    const other = seen.get(model.key);
    if (other) throw new ContentModelFileError(files[index], '$.key', `the key "${model.key}" is already used by ${other}`);
    seen.set(model.key, files[index]);
  });
  return models;
}

export function parseContentModel(file: string, source: string): ContentModelDefinition {
  const name = path.basename(file);
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    throw new ContentModelFileError(name, '$', `not valid JSON (${(error as Error).message})`);
  }
  if (!validateFile(json)) {
    const [first] = validateFile.errors ?? [];
    const jsonPath = toJsonPath(first?.instancePath ?? '');
    const detail = first?.keyword === 'additionalProperties'
      ? `unknown property "${String(first.params.additionalProperty)}"`
      : first?.keyword === 'enum'
        ? `must be one of ${(first.params.allowedValues as string[]).join(', ')}`
        : (first?.message ?? 'invalid');
    throw new ContentModelFileError(name, jsonPath, detail);
  }
  const model = json as ContentModelDefinition;
  checkSemantics(name, model);
  return model;
}

function checkSemantics(file: string, model: ContentModelDefinition): void {
  const keys = new Set<string>();
  model.fields.forEach((field, index) => {
    const at = `$.fields[${index}]`;
    if (keys.has(field.key)) throw new ContentModelFileError(file, `${at}.key`, `duplicate field key "${field.key}"`);
    keys.add(field.key);
    if (field.type === 'enum' && !field.values) throw new ContentModelFileError(file, `${at}.values`, 'an enum field needs its values');
    if (field.type === 'list' && !field.items) throw new ContentModelFileError(file, `${at}.items`, 'a list field needs its item type');
    if (field.items?.type === 'enum' && !field.items.values) {
      throw new ContentModelFileError(file, `${at}.items.values`, 'a list of enum needs its values');
    }
    if (field.pattern !== undefined) checkPattern(file, `${at}.pattern`, field.pattern);
    if (field.items?.pattern !== undefined) checkPattern(file, `${at}.items.pattern`, field.items.pattern);
    if (field.minLength !== undefined && field.maxLength !== undefined && field.minLength > field.maxLength) {
      throw new ContentModelFileError(file, `${at}.minLength`, 'minLength is larger than maxLength');
    }
  });
  for (const [role, fieldKey] of Object.entries(model.roles) as [MessageRoleName, string][]) {
    const field = model.fields.find((candidate) => candidate.key === fieldKey);
    if (!field) throw new ContentModelFileError(file, `$.roles.${role}`, `no field "${fieldKey}" in this model`);
    if (!ROLE_FIELD_TYPES[role](field)) {
      throw new ContentModelFileError(file, `$.roles.${role}`, `field "${fieldKey}" of type ${field.type} cannot serve as ${role}`);
    }
  }
}

function checkPattern(file: string, jsonPath: string, pattern: string): void {
  try {
    new RegExp(pattern, 'u');
  } catch {
    throw new ContentModelFileError(file, jsonPath, `"${pattern}" is not a valid regular expression`);
  }
}

function isTextual(type: FieldType): boolean {
  return type === 'text' || type === 'markdown';
}

/** `/fields/2/type` → `$.fields[2].type` */
function toJsonPath(instancePath: string): string {
  return instancePath
    .split('/')
    .slice(1)
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : `${acc}.${part}`), '$');
}
