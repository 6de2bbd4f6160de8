import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { BadUserInputError, NotFoundError, StaleVersionError } from '../../common/errors/domain-errors';
import { KNOWN_CHANNELS, KnownChannels } from '../content/known-channels';
import { ChangeTopic } from '../../database/change-topics';
import { ChangeFeed } from '../../database/change-feed.service';
import { parseCriteria } from './criteria/parse-criteria';
import { PersonaEntity } from './persona.entity';
import { PersonasRepository } from './personas.repository';
import { UpsertPersonaInput } from './upsert-persona.input';

export const PERSONAS_CHANGED = 'personas-changed' satisfies ChangeTopic;

/**
 * Personas are few and read on every personalisation, so the active set is cached in memory and
 * reloaded when any instance changes one.
 */
@Injectable()
export class PersonasService implements OnModuleInit {
  private cached: Promise<PersonaEntity[]> | null = null;

  constructor(
    private readonly repository: PersonasRepository,
    private readonly changeFeed: ChangeFeed,
    @Inject(KNOWN_CHANNELS) private readonly channels: KnownChannels,
  ) {}

  onModuleInit(): void {
    const drop = () => (this.cached = null);
    this.changeFeed.subscribe(PERSONAS_CHANGED, drop);
    this.changeFeed.subscribe('reset', drop);
  }

  list(): Promise<PersonaEntity[]> {
    this.cached ??= this.repository.listActive().catch((error) => {
      this.cached = null;
      throw error;
    });
    return this.cached;
  }

  async get(key: string): Promise<PersonaEntity> {
    const persona = (await this.list()).find((candidate) => candidate.key === key);
    if (!persona) throw new NotFoundError(`No persona with key "${key}"`);
    return persona;
  }

  async upsert(input: UpsertPersonaInput): Promise<PersonaEntity> {
    const known = this.channels.keys();
    const unknown = (input.channelPreferences ?? []).find((channel) => !known.includes(channel));
    if (unknown !== undefined) throw new BadUserInputError(`Unknown channel "${unknown}" in channelPreferences; channels: ${known.join(', ')}`, 'input.channelPreferences');
    const criteria = input.criteria === undefined || input.criteria === null ? null : parseCriteria(input.criteria, 'input.criteria');
    const saved = await this.repository.withKeyLock(input.key, async (personas) => {
      const existing = await personas.findOne({ where: { key: input.key } });
      if (existing && input.version !== undefined && existing.version !== input.version) {
        throw new StaleVersionError('Persona', input.key, input.version, existing.version);
      }
      const persona = existing ?? Object.assign(new PersonaEntity(), { key: input.key, version: 0 });
      Object.assign(persona, {
        name: input.name,
        description: input.description ?? null,
        criteria,
        channelPreferences: [...new Set(input.channelPreferences ?? [])],
        tone: input.tone,
        version: persona.version + 1,
        deletedAt: null,
      });
      return personas.save(persona);
    });
    await this.changeFeed.publish(PERSONAS_CHANGED, { key: saved.key });
    return saved;
  }

  /** Keeps the row (nothing an editor saved is lost); the persona stops matching and listing. */
  async delete(key: string): Promise<PersonaEntity> {
    const saved = await this.repository.withKeyLock(key, async (personas) => {
      const persona = await personas.findOne({ where: { key } });
      if (!persona || persona.deletedAt) throw new NotFoundError(`No persona with key "${key}"`);
      persona.deletedAt = new Date();
      persona.version += 1;
      return personas.save(persona);
    });
    await this.changeFeed.publish(PERSONAS_CHANGED, { key });
    return saved;
  }
}
