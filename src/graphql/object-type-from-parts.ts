import { Type } from '@nestjs/common';
import { Field, Float, Int, ObjectType, ReturnTypeFunc } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-scalars';
import { OutputPart, PartType } from '../modules/channels/channel-renderer';

const SCALARS: Record<PartType, ReturnTypeFunc> = { String: () => String, Int: () => Int, Float: () => Float, Boolean: () => Boolean, JSON: () => GraphQLJSON };

/**
 * A code-first GraphQL object type made at start-up from declared fields, for types that follow
 * what is registered (a channel's variant type, the rendition profiles of assets) rather than
 * what was written in a file. Called before the schema is built.
 */
export function objectTypeFromParts<T>(name: string, parts: Record<string, OutputPart>, options: { base?: Type<T>; implements?: () => Type<unknown>[]; description?: string } = {}): Type<T> {
  const Base = (options.base ?? class {}) as Type<T>;
  const Made = class extends (Base as Type<object>) {} as unknown as Type<T>;
  Object.defineProperty(Made, 'name', { value: name });
  for (const [key, part] of Object.entries(parts)) {
    Field(SCALARS[part.type], { nullable: part.nullable ?? false, description: part.description })(Made.prototype as object, key);
  }
  ObjectType(name, { implements: options.implements, description: options.description })(Made);
  return Made;
}
