/**
 * Spellings that OpenLDAP's caseIgnoreMatch (NFKC with case folding) finds
 * as uid=jdoe, each of which used to be a throttle key of its own.
 */
export const JDOE_VARIANTS = [
  'ｊdoe',
  'jｄoe',
  'jdｏe',
  'jdoｅ',
  'ʲdoe',
  'ⅉdoe',
  'jdo𝐞',
  'JDOE ',
];
