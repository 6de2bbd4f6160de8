export enum Tone {
  FORMAL = 'FORMAL',
  INFORMAL = 'INFORMAL',
}

/**
 * The declarative rule language over customer attributes.
 * A node is a combinator (`all`, `any`, `not`) or a comparison on one attribute:
 * `{ attr: "age", gte: 25 }`, `{ attr: "city", in: ["Gent", "Brugge"] }`,
 * `{ attr: "interests", contains: "running" }`, `{ attr: "email", exists: true }`, `{ attr: "tier", eq: "gold" }`.
 * `attr` may be a dotted path into nested attributes (`address.country`).
 */
export type Criteria =
  | { all: Criteria[] }
  | { any: Criteria[] }
  | { not: Criteria }
  | ({ attr: string } & ComparisonOperator);

export type ComparisonOperator =
  | { eq: unknown }
  | { in: unknown[] }
  | { gte: number | string }
  | { lte: number | string }
  | { contains: unknown }
  | { exists: boolean };
