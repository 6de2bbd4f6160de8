import { WEB_LINK_SCHEMES } from '../../common/urls/safe-url';

/** Hub-wide settings renderers read; from the environment (see README), passed in, never read by renderers themselves. */
export interface RendererConfig {
  /** Schemes a link may have in rendered output: http(s), mailto, tel and configured app deep-link schemes. */
  linkSchemes: readonly string[];
  /** Each channel's declared settings as this hub configures them (channel key → setting → value). */
  settings: Record<string, Record<string, number>>;
  email: { unsubscribePlaceholder: string };
}

export const DEFAULT_RENDERER_CONFIG: RendererConfig = {
  linkSchemes: WEB_LINK_SCHEMES,
  settings: {},
  email: { unsubscribePlaceholder: '%%unsubscribe_url%%' },
};
