import { Type } from '@nestjs/common';
import { objectTypeFromParts } from '../../../graphql/object-type-from-parts';
import { ChannelRenderer } from '../../channels/channel-renderer';
import { GenericVariantModel, registerChannelVariantType, RenderedVariantModel } from './rendered-variant.model';

/**
 * One GraphQL type per channel that declares `graphqlType` and its `parts` (EmailVariant {
 * subject preheader html }), implementing RenderedVariant; channels without come back as
 * GenericVariant. A plugin's channel gets its type the same way, without touching the schema.
 */
export function defineChannelVariantTypes(renderers: ChannelRenderer[]): Type<unknown>[] {
  const types: Type<unknown>[] = [GenericVariantModel];
  for (const renderer of renderers) {
    if (!renderer.graphqlType || !renderer.parts) continue;
    const type = objectTypeFromParts(renderer.graphqlType, renderer.parts, { base: RenderedVariantModel as Type<RenderedVariantModel>, implements: () => [RenderedVariantModel as unknown as Type<unknown>], description: renderer.description });
    registerChannelVariantType(renderer.key, type as unknown as typeof RenderedVariantModel);
    types.push(type);
  }
  return types;
}
