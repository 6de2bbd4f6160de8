import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { BadUserInputError } from '../errors/domain-errors';
import { isUuid } from '../ids/uuid';


/** Ids are uuids; anything else is a typo, answered before it reaches the database. */
@Injectable()
export class UuidPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value)) {
      throw new BadUserInputError(`${metadata.data ?? 'id'} must be a uuid, got "${String(value).slice(0, 60)}"`, metadata.data ?? 'id');
    }
    return value;
  }
}
