export enum ContentStatus {
  DRAFT = 'DRAFT',
  PUBLISHED = 'PUBLISHED',
  ARCHIVED = 'ARCHIVED',
}

/** Why a message exists: inspiring, motivating, conversational/personal, process-supporting. */
export enum Purpose {
  INSPIRE = 'INSPIRE',
  MOTIVATE = 'MOTIVATE',
  CONVERSE = 'CONVERSE',
  SUPPORT = 'SUPPORT',
}

export enum JourneyStage {
  AWARENESS = 'AWARENESS',
  CONSIDERATION = 'CONSIDERATION',
  PURCHASE = 'PURCHASE',
  RETENTION = 'RETENTION',
  ADVOCACY = 'ADVOCACY',
}
