import { Module } from '@nestjs/common';
import { PersonasRepository } from './personas.repository';
import { PersonasResolver } from './personas.resolver';
import { PersonasService } from './personas.service';

@Module({
  providers: [PersonasRepository, PersonasService, PersonasResolver],
  exports: [PersonasService],
})
export class PersonasModule {}
