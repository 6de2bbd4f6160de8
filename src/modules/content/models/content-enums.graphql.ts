import { registerEnumType } from '@nestjs/graphql';
import { ContentStatus, JourneyStage, Purpose } from '../content.enums';

registerEnumType(ContentStatus, { name: 'ContentStatus', description: 'draft → published → archived' });
registerEnumType(Purpose, {
  name: 'Purpose',
  description: 'Why the message exists',
  valuesMap: {
    INSPIRE: { description: 'Inspiring' },
    MOTIVATE: { description: 'Motivating to act' },
    CONVERSE: { description: 'Conversational, personal' },
    SUPPORT: { description: 'Supporting a process' },
  },
});
registerEnumType(JourneyStage, { name: 'JourneyStage' });
