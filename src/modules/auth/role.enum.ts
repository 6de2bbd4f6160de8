/** Access roles, weakest last. ADMIN ⊃ EDITOR ⊃ PREVIEW; DELIVERY reads published content and personalises only. */
export enum Role {
  ADMIN = 'ADMIN',
  EDITOR = 'EDITOR',
  PREVIEW = 'PREVIEW',
  DELIVERY = 'DELIVERY',
}
