import { MessageRoles } from '../../content-models/message-roles';
import { markdownToInlineText } from '../markdown/markdown';

/** "Headline: summary" (or the body as one line when there is no summary): the opening of every short text channel. */
export function leadLine(roles: Pick<MessageRoles, 'headline' | 'summary' | 'body'>): string {
  return [roles.headline, roles.summary ?? (roles.body ? markdownToInlineText(roles.body) : undefined)].filter(Boolean).join(': ');
}
