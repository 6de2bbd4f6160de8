import { Injectable, OnModuleInit } from '@nestjs/common';
import { BadUserInputError } from '../../common/errors/domain-errors';
import { ChangeFeed } from '../../database/change-feed.service';
import { Principal } from '../auth/principal';
import { Brand, UNBRANDED } from '../channels/brand';
import { BrandRecord, BrandValues } from './brand-record';
import { BrandsRepository } from './brands.repository';

/** The brand a rendering uses, and a stamp that changes whenever that brand does (for compile caches). */
export interface ResolvedBrand {
  brand: Brand;
  stamp: string;
}

/**
 * Brands per theme and locale, few and read on every compile: kept in memory, reloaded when any
 * instance changes one. The most specific brand wins: theme and locale, theme and language,
 * theme alone, then locale, language, and the brand for everything.
 */
@Injectable()
export class BrandsService implements OnModuleInit {
  private cached: Promise<BrandRecord[]> | null = null;

  constructor(
    private readonly repository: BrandsRepository,
    private readonly changeFeed: ChangeFeed,
  ) {}

  onModuleInit(): void {
    const drop = () => (this.cached = null);
    this.changeFeed.subscribe('brands-changed', drop);
    this.changeFeed.subscribe('reset', drop);
  }

  list(): Promise<BrandRecord[]> {
    this.cached ??= this.repository.all().catch((error) => {
      this.cached = null;
      throw error;
    });
    return this.cached;
  }

  async resolve(theme: string | null, locale: string): Promise<ResolvedBrand> {
    const brands = await this.list();
    const language = locale.split('-')[0];
    const scopes: [string | null, string | null][] = [
      [theme, locale],
      [theme, language],
      [theme, null],
      [null, locale],
      [null, language],
      [null, null],
    ];
    for (const [scopeTheme, scopeLocale] of scopes) {
      const found = brands.find((brand) => brand.theme === scopeTheme && brand.locale === scopeLocale);
      if (found) return { brand: toBrand(found), stamp: `${found.id}:${found.version}` };
    }
    return { brand: UNBRANDED, stamp: 'unbranded' };
  }

  async upsert(values: BrandValues, version: number | undefined, principal: Principal): Promise<BrandRecord> {
    checkPrintable(values);
    const saved = await this.repository.upsert(values, version, principal.name);
    await this.changeFeed.publish('brands-changed', {});
    return saved;
  }

  async delete(theme: string | null, locale: string | null, version: number): Promise<BrandRecord> {
    const deleted = await this.repository.delete(theme, locale, version);
    await this.changeFeed.publish('brands-changed', {});
    return deleted;
  }
}

function toBrand(record: BrandRecord): Brand {
  return { name: record.name, senderLines: record.senderLines, returnAddress: record.returnAddress, emailFooter: record.emailFooter, legal: record.legal, unsubscribeText: record.unsubscribeText };
}

/** Brand texts are printed exactly as written: a token would not be filled, so one is refused. */
function checkPrintable(values: BrandValues): void {
  const texts: [string, string | null][] = [
    ['input.name', values.name],
    ...values.senderLines.map((line, index): [string, string] => [`input.senderLines[${index}]`, line]),
    ['input.returnAddress', values.returnAddress],
    ['input.emailFooter', values.emailFooter],
    ['input.legal', values.legal],
    ['input.unsubscribeText', values.unsubscribeText],
  ];
  const withToken = texts.find(([, text]) => text !== null && /\{[{%]/.test(text));
  if (withToken) throw new BadUserInputError(`${withToken[0]} has a personalisation token; brand texts are printed as written, without tokens`, withToken[0]);
}
