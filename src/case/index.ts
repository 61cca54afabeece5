/**
 * The case stage: documents of one patient grouped, ordered and merged into CaseFacts.
 */
export { buildCaseFacts, type CaseSettings } from './build.js';
export {
  type DocumentGroup,
  GROUP_BY,
  type GroupBy,
  groupDocuments,
  normalisePatientId,
  orderDocuments,
  singleCaseId,
} from './group.js';
export { type CaseLanguage, compileLanguage, LanguageSpec } from './language.js';
export { levelOverlaps, levelsOverlap } from './levels.js';
export { type CaseDocument, mergeFindings } from './merge.js';
