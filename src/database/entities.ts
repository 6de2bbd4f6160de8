import { AssetEntity } from '../modules/assets/asset.entity';
import { ApiKeyEntity } from '../modules/auth/api-key.entity';
import { ChannelVariantEntity } from '../modules/variants/channel-variant.entity';
import { ContentItemEntity } from '../modules/content/entities/content-item.entity';
import { ContentRevisionEntity } from '../modules/content/entities/content-revision.entity';
import { PersonaEntity } from '../modules/personas/persona.entity';

export const ENTITIES = [ContentItemEntity, ContentRevisionEntity, ChannelVariantEntity, PersonaEntity, ApiKeyEntity, AssetEntity];
