/**
 * lexicons/concepts.json: the contract's concept ids, its shape, codes, and that its terms cut and stem the
 * way the matcher will see them. Behaviour is checked with a small longest-match scan over the project's
 * own trie, tokeniser and misspelling corrector, so the lexicon is tested on its own terms.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuzzyCorrector, loadFuzzyLexicon } from '../../src/match/fuzzy.js';
import { type ConceptDef, ConceptLexicon } from '../../src/match/lexicon.js';
import { matchableTokens, PhraseTrie, phraseKeys } from '../../src/match/trie.js';
import { type Token, tokenize } from '../../src/text/tokenize.js';
import { packageRoot } from '../../src/util/package-root.js';
import { CONTRACT_CONCEPTS } from '../helpers/contract.js';

const dir = join(packageRoot(), 'lexicons');
const lexicon = ConceptLexicon.parse(JSON.parse(readFileSync(join(dir, 'concepts.json'), 'utf8')));

// The contract's required ids by category (docs: "Concept ids").
const CONTRACT = CONTRACT_CONCEPTS;
// Only codes that the domain facts state for these meanings, billable forms only.
const ALLOWED_CODES = new Set([
  'M47.812',
  'M47.816',
  'M47.817',
  'M47.819',
  'M48.061',
  'M48.56XA',
  'G83.4',
  'M54.2',
  'M54.50',
]);
const VERTEBRAL_BODY = [
  'vertebral_height_loss',
  'compression_fracture',
  'bone_marrow_edema',
  'retropulsion',
  'suspected_malignancy',
];

const termText = (t: ConceptDef['terms'][number]) => (typeof t === 'string' ? t : t.text);
const termKeys = (t: ConceptDef['terms'][number]) =>
  phraseKeys(termText(t), { caseSensitive: typeof t !== 'string' && t.caseSensitive === true }).join(' ');

// A stand-in for the matcher: one trie, longest match, blockers win, unknown words corrected like the matcher does.
const BLOCK = { id: 'BLOCKED' } as const;
type Hit = ConceptDef | typeof BLOCK;
const trie = new PhraseTrie<Hit>();
const vocabulary = new Set<string>();
for (const c of lexicon.concepts) {
  for (const t of c.terms) {
    const caseSensitive = typeof t !== 'string' && t.caseSensitive === true;
    trie.add(phraseKeys(termText(t), { caseSensitive }), c);
    if (!caseSensitive) for (const w of tokenize(termText(t))) if (w.kind === 'word') vocabulary.add(w.lower);
  }
}
for (const b of lexicon.blockers ?? []) trie.add(phraseKeys(b), BLOCK, true);
const corrector = new FuzzyCorrector(vocabulary, loadFuzzyLexicon(dir));
const keysOf = (t: Token): string[] =>
  t.kind !== 'word' || trie.keys.has(t.norm)
    ? [t.norm, `=${t.text}`]
    : [corrector.correct(t.lower) ?? t.norm, `=${t.text}`];

function concepts(sentence: string): string[] {
  return trie
    .scan(matchableTokens(tokenize(sentence)), keysOf)
    .map((m) => m.payload.id)
    .filter((id) => id !== BLOCK.id);
}

describe('concept lexicon: shape', () => {
  it('has every contract concept id in its category, ids unique', () => {
    const byId = new Map(lexicon.concepts.map((c) => [c.id, c]));
    expect(byId.size).toBe(lexicon.concepts.length);
    for (const [category, ids] of Object.entries(CONTRACT)) {
      for (const id of ids) expect(byId.get(id)?.category, id).toBe(category);
    }
  });

  it('never lists one term under two concepts, nor a term as a blocker', () => {
    const owner = new Map<string, string>();
    const clashes: string[] = [];
    for (const c of lexicon.concepts) {
      for (const t of c.terms) {
        const k = termKeys(t);
        expect(k.length, `${c.id}: "${termText(t)}" has no tokens`).toBeGreaterThan(0);
        const prev = owner.get(k);
        if (prev && prev !== c.id) clashes.push(`${termText(t)}: ${prev} / ${c.id}`);
        owner.set(k, c.id);
      }
    }
    for (const b of lexicon.blockers ?? [])
      if (owner.has(phraseKeys(b).join(' '))) clashes.push(`blocker ${b}`);
    expect(clashes).toEqual([]);
  });

  it('uses only verified, billable ICD-10-CM codes', () => {
    for (const c of lexicon.concepts) {
      const codes = [...(c.codes ?? []), ...Object.values(c.codesByRegion ?? {}).flat()];
      for (const code of codes) {
        expect(code.system).toBe('ICD-10-CM');
        expect(ALLOWED_CODES.has(code.code), `${c.id}: ${code.code}`).toBe(true);
        expect(code.display.length).toBeGreaterThan(5);
      }
      for (const region of Object.keys(c.codesByRegion ?? {})) {
        expect(['cervical', 'thoracic', 'lumbar', 'lumbosacral', 'sacral', 'unspecified']).toContain(region);
      }
    }
    const spondylosis = lexicon.concepts.find((c) => c.id === 'spondylosis')!;
    expect(spondylosis.codesByRegion?.cervical?.[0]?.code).toBe('M47.812');
    expect(spondylosis.codesByRegion?.lumbar?.[0]?.code).toBe('M47.816');
  });

  it('marks only cancer history as inherently historical, and vertebral-body findings as vertebra-level', () => {
    expect(lexicon.concepts.filter((c) => c.inherentlyHistorical).map((c) => c.id)).toEqual([
      'cancer_history',
    ]);
    for (const id of VERTEBRAL_BODY)
      expect(lexicon.concepts.find((c) => c.id === id)?.anatomy, id).toBe('vertebra');
  });
});

describe('concept lexicon: stemming and boundaries', () => {
  it('matches inflections through the shared stemmer', () => {
    expect(phraseKeys('herniated discs')).toEqual(phraseKeys('herniated disc'));
    expect(phraseKeys('bulging')).toEqual(phraseKeys('bulge'));
    expect(phraseKeys('broad-based bulge')).toEqual(phraseKeys('broad based bulge'));
    // Porter leaves these apart, so both forms must be listed.
    expect(phraseKeys('stenoses')).not.toEqual(phraseKeys('stenosis'));
    expect(concepts('Multilevel stenoses.')).toEqual(['spinal_stenosis']);
    expect(concepts('Two small disk protrusions.')).toEqual(['disc_herniation']);
    expect(concepts('Metastases to the spine.')).toEqual(['suspected_malignancy']);
  });

  it('lets the longest phrase decide between neighbouring concepts', () => {
    expect(concepts('Moderate left neural foraminal stenosis at L4-5.')).toEqual(['foraminal_stenosis']);
    expect(concepts('Severe central canal stenosis.')).toEqual(['spinal_stenosis']);
    expect(concepts('Loss of disc height at L5-S1.')).toEqual(['degenerative_disc_disease']);
    expect(concepts('Mild loss of height of the L2 vertebral body.')).toEqual(['vertebral_height_loss']);
    expect(concepts('Acute L1 compression fracture.')).toEqual(['compression_fracture']);
    expect(concepts('Chronic compression deformity of T12.')).toEqual(['vertebral_height_loss']);
    expect(concepts('Facet joint hypertrophy at L4-5.')).toEqual(['facet_arthropathy']);
    expect(concepts('Degenerative changes of the facet joints.')).toEqual(['facet_arthropathy']);
    expect(concepts('Multilevel degenerative changes.')).toEqual(['spondylosis']);
    expect(concepts('Unsteady gait and gait instability.')).toEqual(['gait_disturbance', 'gait_disturbance']);
    expect(concepts('T2 hyperintense signal within the cord at C5-6.')).toEqual(['cord_signal_change']);
    expect(concepts('T2 hyperintense signal within the L3-4 disc.')).toEqual([]);
  });

  it('reads verb phrases with a short gap', () => {
    expect(concepts('The protrusion compresses the traversing left L5 nerve root.')).toEqual([
      'disc_herniation',
      'nerve_root_compression',
    ]);
    expect(concepts('Low back pain radiating down the left leg.')).toEqual(['back_pain', 'radiculopathy']);
    expect(concepts('Osteophytes flatten the ventral cord.')).toEqual(['spondylosis', 'cord_compression']);
  });

  it('keeps case-sensitive abbreviations apart from ordinary words', () => {
    expect(concepts('PT referral placed.')).toEqual(['physical_therapy']);
    expect(concepts('The pt reports numbness.')).toEqual(['sensory_deficit']);
    expect(concepts('Left L5 TFESI with good relief; prior ESI in May.')).toEqual([
      'epidural_steroid_injection',
      'epidural_steroid_injection',
    ]);
  });

  it('blocks look-alike phrases', () => {
    expect(concepts('Compression stockings were applied.')).toEqual([]);
    expect(concepts('No spondylolysis. Afebrile. Atraumatic onset.')).toEqual([]);
    expect(concepts('PT/INR within normal limits.')).toEqual([]);
    expect(concepts('Convex bulging of the posterior cortex of T10.')).toEqual([]);
    expect(concepts('History of aortic stenosis and hip fracture.')).toEqual([]);
    expect(concepts('L4/5 diffuse disc bulge.')).toEqual(['disc_bulge']);
    expect(concepts('Strength 4/5 in the left EHL.')).toEqual(['motor_weakness']);
  });

  it('tolerates common misspellings without capturing real words', () => {
    expect(concepts('Multilevel spondylosys.')).toEqual(['spondylosis']);
    expect(concepts('Severe stenossis at L4-5.')).toEqual(['spinal_stenosis']);
    expect(concepts('Central disc herniaton.')).toEqual(['disc_herniation']);
    expect(concepts('Degenrative spondolytic chnages.')).toEqual(['spondylosis']);
    expect(concepts('Dissection was carried down to the lamina.')).toEqual([]);
    expect(concepts('Numbness in the peroneal distribution.')).toEqual(['sensory_deficit']);
  });
});
