import Ajv from 'ajv';
import { JourneyStage, Purpose } from '../../content/content.enums';
import { WITHOUT_NUL } from '../../../common/json/holds-nul';
import { LOCALE } from '../../content/dto/create-content-item.input';

/**
 * The checks PersonalizeInput's decorators make, compiled once (ajv) for the delivery hot path,
 * where class-transformer and class-validator took a tenth of the time of a rendering. It only
 * ever says "valid" for input class-validator accepts too (a property test holds it to that);
 * anything else still goes through class-validator, so refusals keep their exact messages.
 */
const optional = (schema: Record<string, unknown>) => ({ anyOf: [{ type: 'null' }, schema] });
// No text with U+0000 is vouched for: class-validator refuses it where the database would.
const withoutNul = { type: 'string', pattern: WITHOUT_NUL.source };
const text = (maxLength: number) => optional({ ...withoutNul, minLength: 1, maxLength });
const texts = optional({ type: 'array', maxItems: 20, items: withoutNul });

const schema = {
  type: 'object',
  required: ['context'],
  properties: {
    itemId: optional({ type: 'string', pattern: '^(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[1-8][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12})$' }),
    selector: optional({
      type: 'object',
      properties: { theme: text(100), model: text(100), tags: texts, purpose: optional({ enum: Object.values(Purpose) }), journeyStage: optional({ enum: Object.values(JourneyStage) }) },
    }),
    channel: text(50),
    context: {
      type: 'object',
      properties: {
        customerId: text(200),
        personas: texts,
        attributes: optional({ type: 'object' }),
        locale: optional({ type: 'string', pattern: LOCALE.source }),
        consents: texts,
        journeyStage: optional({ enum: Object.values(JourneyStage) }),
        excludeAnsweredThemes: optional({ type: 'boolean' }),
      },
    },
    preview: optional({ type: 'boolean' }),
    revision: optional({ type: 'integer', minimum: 1 }),
  },
};

// strictNumbers: otherwise ajv takes Infinity for an integer, which class-validator refuses.
const matchesSchema = new Ajv({ allErrors: false, strict: false, strictNumbers: true }).compile(schema);

/** True only for input that passes every PersonalizeInput check; `context.now` (a Date) is checked here, ajv cannot. */
export function isValidPersonalizeInput(value: unknown): boolean {
  if (!matchesSchema(value)) return false;
  const now = (value as { context: { now?: unknown } }).context.now;
  return now === undefined || now === null || (now instanceof Date && !Number.isNaN(now.getTime()));
}
