import { Injectable } from '@nestjs/common';
import { CustomerContext } from '../../common/customer-context';
import { PersonaEntity } from '../personas/persona.entity';
import { PersonasService } from '../personas/personas.service';
import { PersonaResolution, resolvePersonas } from '../selection/resolve-personas';
import { CustomerHistoryService } from '../touchpoints/customer-history.service';

/** What selection knows of the customer beyond the request: the personas they match, and the themes they already answered. */
export interface CustomerProfile {
  resolution: PersonaResolution<PersonaEntity>;
  /** Only looked up when the context asks to skip answered themes. */
  answeredThemes: string[];
}

@Injectable()
export class CustomerProfiles {
  constructor(
    private readonly personas: PersonasService,
    private readonly history: CustomerHistoryService,
  ) {}

  async profile(context: CustomerContext): Promise<CustomerProfile> {
    const [personas, answeredThemes] = await Promise.all([
      this.personas.list(),
      context.excludeAnsweredThemes && context.customerId ? this.history.answeredThemes(context.customerId) : Promise.resolve([]),
    ]);
    return { resolution: resolvePersonas(context.personas, context.attributes, personas), answeredThemes };
  }
}
