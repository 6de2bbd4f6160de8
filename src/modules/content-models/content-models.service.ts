import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { loadContentModels } from './content-model-loader';
import { collectViolations, FieldViolation, validateFields } from './validate-fields';
import { ContentModelDefinition } from './content-model.types';

/** The content models of content-models/, loaded and validated once at start-up (a broken file stops start-up). */
@Injectable()
export class ContentModelsService {
  private readonly models: Map<string, ContentModelDefinition>;
  private readonly linkSchemes: readonly string[];

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.models = new Map(loadContentModels(config.contentModelsDir).map((model) => [model.key, model]));
    this.linkSchemes = config.linkSchemes;
  }

  /** Checks fields against their model, with the link schemes this hub allows. */
  validate(model: ContentModelDefinition, fields: unknown, basePath: string): Record<string, unknown> {
    return validateFields(model, fields, basePath, this.linkSchemes);
  }

  /** Every way the fields fail their model, without throwing: for the health report. */
  violations(model: ContentModelDefinition, fields: unknown, basePath: string): FieldViolation[] {
    return collectViolations(model, fields, basePath, this.linkSchemes);
  }

  list(): ContentModelDefinition[] {
    return [...this.models.values()];
  }

  find(key: string): ContentModelDefinition | undefined {
    return this.models.get(key);
  }

  /** The model an item is written in; an unknown key is the editor's mistake. */
  require(key: string, path = 'model'): ContentModelDefinition {
    const model = this.models.get(key);
    if (!model) throw new BadUserInputError(`Unknown content model "${key}"; models: ${[...this.models.keys()].join(', ')}`, path);
    return model;
  }
}
