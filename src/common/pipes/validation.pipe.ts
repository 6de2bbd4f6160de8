import { ArgumentMetadata, ValidationError, ValidationPipe } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { BadUserInputError } from '../errors/domain-errors';

/** class-validator on every input; the first violation names its path from the argument on (`input.slug`). */
export class InputValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidUnknownValues: false,
      exceptionFactory: (errors: ValidationError[]) => toBadUserInput(flatten(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (vouchedFor(metadata.metatype, value)) return value;
    try {
      return await super.transform(value, metadata);
    } catch (error) {
      if (!(error instanceof BadUserInputError) || !metadata.data) throw error;
      const violations = (error.details.violations as Violation[]).map((violation) => ({ ...violation, path: `${metadata.data}.${violation.path}` }));
      throw toBadUserInput(violations);
    }
  }
}

/**
 * The same checks for one element of a list argument, where each element is answered on its own
 * (a batch): the typed instance, or the BadUserInputError naming the element's path.
 */
export async function validateElement<T extends object>(type: new () => T, value: unknown, path: string): Promise<T> {
  if (vouchedFor(type, value)) return value as T;
  const instance = plainToInstance(type, value);
  const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
  if (errors.length > 0) throw toBadUserInput(flatten(errors).map((violation) => ({ ...violation, path: `${path}.${violation.path}` })));
  return instance;
}

/**
 * An input type on a hot path may carry a compiled check of the same rules (`static isValid`):
 * input it vouches for is used as it is, skipping class-transformer and class-validator; anything
 * else is validated as usual, so a refusal reads the same either way.
 */
export interface CompiledCheck {
  isValid(value: unknown): boolean;
}

function vouchedFor(type: unknown, value: unknown): boolean {
  return typeof (type as Partial<CompiledCheck> | undefined)?.isValid === 'function' && (type as CompiledCheck).isValid(value);
}

interface Violation {
  path: string;
  message: string;
}

function toBadUserInput(violations: Violation[]): BadUserInputError {
  const [first] = violations;
  return new BadUserInputError(`${first.path}: ${first.message}`, first.path, { violations });
}

function flatten(errors: ValidationError[], parent = ''): Violation[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}
