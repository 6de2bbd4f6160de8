import { JourneyStage, Purpose } from './content.enums';

/** Everything about a message that is not its text: what keeps channels consistent and drives selection. */
export interface ContentMetadata {
  theme: string | null;
  purpose: Purpose | null;
  journeyStages: JourneyStage[];
  tags: string[];
  personaTags: string[];
  channels: string[];
  priority: number;
  validFrom: Date | null;
  validUntil: Date | null;
  attributes: Record<string, unknown>;
}
