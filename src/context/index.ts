/**
 * context/: ConText/NegEx assertion of target spans (negated, possible, historical, hypothetical, family),
 * with triggers, pseudo-triggers, terminators and section defaults as data (lexicons/context.json).
 */
export { type AssertOptions, assertSentence, findTarget, yearOfIsoDate } from './assert.js';
export {
  type ContextDecision,
  ContextEngine,
  type ContextSection,
  type ContextTarget,
  deriveAssertion,
  type ListLead,
} from './engine.js';
export {
  ContextLexicon,
  ContextRule,
  type Direction,
  type ModifierCategory,
  type RuleCategory,
  RuleGroup,
  type TargetCategory,
} from './rules.js';
