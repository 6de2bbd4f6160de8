import { Initial1764000000000 } from './1764000000000-Initial';
import { Assets1764000001000 } from './1764000001000-Assets';
import { HubSecrets1764000002000 } from './1764000002000-HubSecrets';
import { Touchpoints1764000003000 } from './1764000003000-Touchpoints';
import { Brands1764000004000 } from './1764000004000-Brands';
import { Translations1764000005000 } from './1764000005000-Translations';
import { Drafts1764000006000 } from './1764000006000-Drafts';
import { VariantDrafts1764000007000 } from './1764000007000-VariantDrafts';
import { ScheduleAndWebhooks1764000008000 } from './1764000008000-ScheduleAndWebhooks';
import { CampaignRuns1764000009000 } from './1764000009000-CampaignRuns';
import { TextSearch1764000010000 } from './1764000010000-TextSearch';

/** Every migration, in order. Listed explicitly so the app, the CLI data source and the tests share one list. */
export const MIGRATIONS = [Initial1764000000000, Assets1764000001000, HubSecrets1764000002000, Touchpoints1764000003000, Brands1764000004000, Translations1764000005000, Drafts1764000006000, VariantDrafts1764000007000, ScheduleAndWebhooks1764000008000, CampaignRuns1764000009000, TextSearch1764000010000];
