import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeysRepository } from './api-keys.repository';
import { ApiKeysResolver } from './api-keys.resolver';
import { ApiKeysService } from './api-keys.service';
import { RolesGuard } from './roles.guard';

@Module({
  providers: [ApiKeysRepository, ApiKeysService, ApiKeysResolver, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [ApiKeysService],
})
export class AuthModule {}
