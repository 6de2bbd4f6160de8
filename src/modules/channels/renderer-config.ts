/** Hub-wide settings renderers read; from the environment (see README), passed in, never read by renderers themselves. */
export interface RendererConfig {
  inApp: { titleLimit: number; bodyLimit: number };
  sms: { maxSegments: number };
  email: { unsubscribePlaceholder: string; brandName: string };
  letter: { senderLines: string[] };
}

export const DEFAULT_RENDERER_CONFIG: RendererConfig = {
  inApp: { titleLimit: 50, bodyLimit: 150 },
  sms: { maxSegments: 3 },
  email: { unsubscribePlaceholder: '%%unsubscribe_url%%', brandName: 'Loopwerk' },
  letter: { senderLines: ['Loopwerk', 'Postbus 123', '1000 AB Amsterdam'] },
};
