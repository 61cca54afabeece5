import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertSentence,
  ContextEngine,
  type ContextSection,
  type ContextTarget,
  deriveAssertion,
  findTarget,
} from '../../src/context/index.js';
import type { Modifiers } from '../../src/facts/schema.js';

const engine = ContextEngine.fromFile();

/** Decide `target` inside `sentence`, with the sentence placed at document offset 1000 to exercise offsets. */
function decide(
  sentence: string,
  target: string,
  extra: Partial<ContextTarget> = {},
  section?: ContextSection,
) {
  const at = findTarget(sentence, target);
  if (!at) throw new Error(`${target} not in ${sentence}`);
  const [d] = engine.apply(
    sentence,
    1000,
    [{ start: at.start + 1000, end: at.end + 1000, ...extra }],
    section,
  );
  return d!;
}
const assertion = (s: string, t: string, extra: Partial<ContextTarget> = {}) => decide(s, t, extra).assertion;

describe('negation', () => {
  it('negates forward from pre-negation cues', () => {
    expect(assertion('No evidence of acute fracture.', 'acute fracture')).toBe('absent');
    expect(assertion('Patient denies chest pain.', 'chest pain')).toBe('absent');
    expect(assertion('Disc bulge without foraminal stenosis.', 'foraminal stenosis')).toBe('absent');
    expect(assertion('Stool was negative for occult blood.', 'occult blood')).toBe('absent');
    expect(assertion('Margins are free of tumor.', 'tumor')).toBe('absent');
    expect(assertion('He has never smoked.', 'smoked')).toBe('absent');
  });

  it('negates backward from post-negation cues', () => {
    expect(assertion('Pulmonary embolism was ruled out.', 'pulmonary embolism')).toBe('absent');
    expect(assertion('Cord compression is not seen.', 'cord compression')).toBe('absent');
    expect(assertion('Marrow edema is absent.', 'marrow edema')).toBe('absent');
    expect(assertion('Blood cultures were negative.', 'blood cultures')).toBe('absent');
    expect(assertion('Her cellulitis has resolved.', 'cellulitis')).toBe('absent');
  });

  it('negates both ways from bidirectional cues', () => {
    expect(assertion('Negative Hoffmann sign.', 'Hoffmann sign')).toBe('absent');
    expect(assertion('Hoffmann sign negative bilaterally.', 'Hoffmann sign')).toBe('absent');
  });

  it('negates every item of a list', () => {
    const s = 'No fracture, listhesis, or marrow edema.';
    for (const t of ['fracture', 'listhesis', 'marrow edema']) expect(assertion(s, t)).toBe('absent');
    expect(assertion('Mild bulge without stenosis or foraminal narrowing.', 'foraminal narrowing')).toBe(
      'absent',
    );
    const plural = 'Fracture and dislocation were ruled out.';
    expect(assertion(plural, 'fracture')).toBe('absent');
  });

  it('does not run a singular post-negation back over a list or clause', () => {
    const s = 'He was admitted with chest pain, and myocardial infarction was ruled out.';
    expect(assertion(s, 'chest pain')).toBe('present');
    expect(assertion(s, 'myocardial infarction')).toBe('absent');
  });

  it('reads a negation left dangling at the end backwards', () => {
    expect(assertion('Suicidal ideation: denies.', 'suicidal ideation')).toBe('absent');
    expect(assertion('Fever: none.', 'fever')).toBe('absent');
  });

  it('never matches "no" or "not" inside a word', () => {
    expect(assertion('Nodular opacity in the right upper lobe.', 'opacity')).toBe('present');
    expect(assertion('Knee pain with notable swelling.', 'swelling')).toBe('present');
    expect(assertion('Another episode of vomiting overnight.', 'vomiting')).toBe('present');
  });

  it('ends the scope at the word limit', () => {
    const s =
      'No acute distress on arrival in the department this morning after the long drive from home with cough.';
    expect(assertion(s, 'acute distress')).toBe('absent');
    expect(assertion(s, 'cough')).toBe('present');
  });
});

describe('terminators', () => {
  it('cuts the scope at conjunctions of contrast and relative clauses', () => {
    expect(assertion('Denies chest pain but reports palpitations.', 'palpitations')).toBe('present');
    expect(assertion('No rales; scattered wheezes are heard.', 'scattered wheezes')).toBe('present');
    expect(assertion('Patient was hypotensive, however, there was no tachycardia.', 'hypotensive')).toBe(
      'present',
    );
    expect(assertion('No foraminal narrowing, although there is central stenosis.', 'central stenosis')).toBe(
      'present',
    );
    expect(assertion('No mass which would explain the back pain.', 'back pain')).toBe('present');
    expect(assertion('No complaints aside from low back pain.', 'low back pain')).toBe('present');
  });

  it('cuts the scope where a new graded finding starts a list item', () => {
    expect(assertion('No significant disc bulge, mild facet arthropathy.', 'facet arthropathy')).toBe(
      'present',
    );
    expect(assertion('No central stenosis and mild foraminal narrowing.', 'foraminal narrowing')).toBe(
      'present',
    );
  });

  it('cuts the scope at a trigger of another category after a comma', () => {
    expect(assertion('Denies chest pain, possible syncope.', 'syncope')).toBe('possible');
    expect(assertion('Denies chest pain, history of MI.', 'MI')).toBe('historical');
    // ...but not when the triggers are adjacent: both apply.
    expect(decide('No history of stroke.', 'stroke').modifiers.negated).toBe(true);
    expect(decide('No prior fracture.', 'fracture').modifiers).toMatchObject({
      negated: true,
      historical: true,
    });
  });
});

describe('pseudo-triggers', () => {
  it.each([
    ['No change in the mild L1 compression deformity.', 'compression deformity'],
    ['No significant interval change in the right upper lobe nodule.', 'nodule'],
    ['No increase in the size of the liver lesion.', 'liver lesion'],
    ['He is not only short of breath but also has chest pain.', 'short of breath'],
    ['Urine culture grew gram-negative rods.', 'rods'],
    ['The rash is not necessarily related to the antibiotic.', 'rash'],
    ['Stable appearance without change in the L4-5 extrusion.', 'extrusion'],
    ['Headache did not improve with acetaminophen.', 'acetaminophen'],
    ['No improvement despite 6 weeks of physical therapy.', 'physical therapy'],
    ['Mild disc bulge at L4-5, otherwise unremarkable.', 'disc bulge'],
    ['He has a 3-week history of productive cough.', 'productive cough'],
    ['He does not deny chest pain.', 'chest pain'],
    ['Non-small cell lung cancer of the right upper lobe.', 'lung cancer'],
  ])('%s → present', (s, t) => {
    expect(assertion(s, t)).toBe('present');
  });

  it('lets a finding "previously seen" be negated: the words describe it, they end no scope', () => {
    expect(assertion('Interval resolution of the previously seen extrusion at L5-S1.', 'extrusion')).toBe(
      'absent',
    );
    expect(assertion('Redemonstrated disc bulge as previously seen.', 'disc bulge')).toBe('present');
  });

  it('still negates when the pseudo-trigger is part of the target', () => {
    expect(assertion('She reports no change in bowel habits.', 'change in bowel habits')).toBe('absent');
    // Non-small cell cancer is not small cell cancer.
    expect(assertion('Non-small cell lung cancer.', 'small cell lung cancer')).toBe('absent');
  });

  it('ignores a trigger inside the target itself', () => {
    // treatment_failure is named by "no improvement despite"; the "no" is part of the concept.
    expect(assertion('No improvement despite PT.', 'no improvement despite')).toBe('present');
  });
});

describe('possible, historical, hypothetical, family', () => {
  it('closes a work-up the sentence answers, and keeps one it leaves open', () => {
    expect(assertion('Workup for pulmonary embolism was negative.', 'pulmonary embolism')).toBe('absent');
    expect(assertion('CT to rule out cord compression was unremarkable.', 'cord compression')).toBe('absent');
    expect(assertion('MRI to rule out cauda equina syndrome.', 'cauda equina syndrome')).toBe('hypothetical');
    expect(assertion('Evaluation for infection is ongoing.', 'infection')).toBe('hypothetical');
    // A condition is no question a result answers.
    expect(assertion('If the workup for infection is negative, start PT.', 'infection')).toBe('hypothetical');
  });

  it('reads resolution, denial and hedging words beyond the usual ones', () => {
    expect(assertion('Her rash has since cleared.', 'rash')).toBe('absent');
    expect(assertion('The swelling has subsided.', 'swelling')).toBe('absent');
    expect(assertion('Hypoxia is not a feature of his presentation.', 'Hypoxia')).toBe('absent');
    expect(assertion('Patient denies that he has had any recent falls.', 'falls')).toBe('absent');
    expect(assertion('Findings are compatible with but not diagnostic of sarcoidosis.', 'sarcoidosis')).toBe(
      'possible',
    );
  });

  it('dates an event to last year or a past season', () => {
    expect(assertion('She had pneumonia last winter.', 'pneumonia')).toBe('historical');
    expect(assertion('Last year she had a herniated disc at L4-5.', 'herniated disc')).toBe('historical');
    expect(assertion('Since last year she has had back pain.', 'back pain')).toBe('present');
    expect(assertion('Last year she had back surgery and now has new leg weakness.', 'leg weakness')).toBe(
      'present',
    );
  });

  it('hedges what a modal verb of contact may reach, not what a cause may explain', () => {
    expect(
      assertion('Small protrusion which may contact the exiting right L4 nerve root.', 'L4 nerve root'),
    ).toBe('possible');
    expect(assertion('The osteophyte might compress the exiting C6 root.', 'C6 root')).toBe('possible');
    expect(assertion('A thalamic lesion might explain her paresthesia.', 'paresthesia')).toBe('present');
    expect(assertion('In May he developed numbness in the left leg.', 'numbness')).toBe('present');
  });

  it('hedges', () => {
    expect(assertion('Possible early pneumonia.', 'pneumonia')).toBe('possible');
    expect(assertion('Findings may represent discitis.', 'discitis')).toBe('possible');
    expect(assertion('Pathologic fracture cannot be excluded.', 'pathologic fracture')).toBe('possible');
    expect(assertion('An acute fracture is not excluded.', 'acute fracture')).toBe('possible');
    expect(assertion('Pulmonary embolism has not been ruled out.', 'pulmonary embolism')).toBe('possible');
    expect(assertion('Signal suspicious for metastatic disease.', 'metastatic disease')).toBe('possible');
    expect(assertion('Pneumonia versus atelectasis.', 'atelectasis')).toBe('possible');
    expect(assertion('Pelvic cyst noted ?', 'pelvic cyst')).toBe('possible');
  });

  it('keeps a prenominal hedge inside its own list item', () => {
    const s = 'Osteoporosis, possible diabetes, meningioma.';
    expect(assertion(s, 'diabetes')).toBe('possible');
    expect(assertion(s, 'meningioma')).toBe('present');
  });

  it('marks the past', () => {
    expect(assertion('History of L1 compression fracture.', 'compression fracture')).toBe('historical');
    expect(assertion('Status post L4-5 posterior fusion.', 'fusion')).toBe('historical');
    expect(assertion('s/p L5-S1 microdiscectomy.', 'microdiscectomy')).toBe('historical');
    expect(assertion('She quit smoking 10 years ago.', 'smoking')).toBe('historical');
    expect(assertion('History of prostate cancer, now with new back pain.', 'back pain')).toBe('present');
  });

  it('does not make an inherently historical concept historical', () => {
    const d = decide('History of breast cancer.', 'history of breast cancer', { inherentlyHistorical: true });
    expect(d.assertion).toBe('present');
    expect(decide('Prior breast cancer.', 'breast cancer', { inherentlyHistorical: true }).assertion).toBe(
      'present',
    );
    expect(decide('Prior breast cancer.', 'breast cancer').assertion).toBe('historical');
  });

  it('marks conditions and future care as hypothetical', () => {
    expect(
      assertion('Return to the ED for saddle anesthesia or urinary retention.', 'urinary retention'),
    ).toBe('hypothetical');
    expect(assertion('Should she develop weakness, she will call.', 'weakness')).toBe('hypothetical');
    expect(assertion('MRI to rule out cauda equina syndrome.', 'cauda equina syndrome')).toBe('hypothetical');
    expect(assertion('Cauda equina precautions were given.', 'cauda equina')).toBe('hypothetical');
    expect(
      assertion('If pain persists, consider an epidural steroid injection.', 'epidural steroid injection'),
    ).toBe('hypothetical');
  });

  it('restricts care triggers to treatment targets', () => {
    const s = 'We discussed surgery for the disc herniation.';
    expect(assertion(s, 'surgery', { category: 'treatment' })).toBe('hypothetical');
    expect(assertion(s, 'disc herniation', { category: 'imaging' })).toBe('present');
    // Unknown category (spinex assert): care triggers still apply.
    expect(assertion('Consider physical therapy.', 'physical therapy')).toBe('hypothetical');
  });

  it('keeps care started, continued or referred at this visit present', () => {
    const t = { category: 'treatment' as const };
    expect(assertion('Start naproxen 500 mg twice daily.', 'naproxen', t)).toBe('present');
    expect(assertion('Referral to physical therapy placed.', 'physical therapy', t)).toBe('present');
    expect(assertion('Consider ESI and continue physical therapy.', 'physical therapy', t)).toBe('present');
    expect(assertion('Consider ESI and continue physical therapy.', 'ESI', t)).toBe('hypothetical');
  });

  it('marks other experiencers as family', () => {
    expect(assertion('Family history of colon cancer.', 'colon cancer')).toBe('family');
    expect(assertion('Her mother has osteoporosis.', 'osteoporosis')).toBe('family');
    expect(assertion('Colon cancer in his father.', 'colon cancer')).toBe('family');
    expect(assertion("The patient's wife reports that he has been confused.", 'confused')).toBe('present');
    expect(assertion('Per his wife, he has had fevers.', 'fevers')).toBe('present');
    expect(assertion('She lives with her husband, who has dementia.', 'dementia')).toBe('family');
    expect(assertion('He lives with his wife and has kidney disease.', 'kidney disease')).toBe('present');
  });
});

describe('section defaults', () => {
  it('applies the section kind and records it as a cue', () => {
    const fh = decide(
      'Breast cancer.',
      'breast cancer',
      {},
      { kind: 'family_history', title: 'FAMILY HISTORY' },
    );
    expect(fh.assertion).toBe('family');
    expect(fh.cues).toEqual([
      { category: 'family', text: 'FAMILY HISTORY', start: 1000, end: 1000, rule: 'section:family_history' },
    ]);
    const ph = decide(
      'Lumbar fusion 2012.',
      'lumbar fusion',
      {},
      { kind: 'past_history', title: 'PSH', start: 10, end: 13 },
    );
    expect(ph.assertion).toBe('historical');
    expect(ph.cues[0]).toMatchObject({ start: 10, end: 13, rule: 'section:past_history' });
    const rp = decide(
      'New bowel or bladder dysfunction.',
      'bladder dysfunction',
      {},
      {
        kind: 'return_precautions',
        title: 'Return precautions',
      },
    );
    expect(rp.assertion).toBe('hypothetical');
  });

  it('leaves inherently historical concepts and other sections alone', () => {
    const s: ContextSection = { kind: 'past_history', title: 'PAST MEDICAL HISTORY' };
    expect(decide('Breast cancer.', 'breast cancer', { inherentlyHistorical: true }, s).assertion).toBe(
      'present',
    );
    expect(
      decide('Breast cancer.', 'breast cancer', {}, { kind: 'findings', title: 'FINDINGS' }).assertion,
    ).toBe('present');
    // A negation in the section still wins over the section's historical default.
    expect(decide('No diabetes.', 'diabetes', {}, s).assertion).toBe('absent');
  });
});

describe('decisions', () => {
  it('derives the assertion with the contract precedence', () => {
    const m = (p: Partial<Modifiers>): Modifiers => ({
      negated: false,
      possible: false,
      historical: false,
      hypothetical: false,
      family: false,
      ...p,
    });
    expect(deriveAssertion(m({}))).toBe('present');
    expect(deriveAssertion(m({ historical: true }))).toBe('historical');
    expect(deriveAssertion(m({ historical: true, possible: true }))).toBe('possible');
    expect(deriveAssertion(m({ possible: true, negated: true }))).toBe('absent');
    expect(deriveAssertion(m({ negated: true, hypothetical: true }))).toBe('hypothetical');
    expect(deriveAssertion(m({ hypothetical: true, family: true }))).toBe('family');
    expect(assertion('No family history of sudden cardiac death.', 'sudden cardiac death')).toBe('family');
  });

  it('records every deciding cue with document offsets and rule id', () => {
    const s = 'No prior history of spine surgery.';
    const d = decide(s, 'spine surgery');
    expect(d.modifiers).toMatchObject({ negated: true, historical: true });
    expect(d.assertion).toBe('absent');
    expect(d.cues.map((c) => [c.category, c.text, c.start, c.end])).toEqual([
      ['negated', 'No', 1000, 1002],
      ['historical', 'prior history of', 1003, 1019],
    ]);
    expect(d.cues[0]!.rule).toBe('neg-pre:no');
    expect(d.cues[1]!.rule).toBe('hist-pre:prior history of');
    for (const c of d.cues) expect(s.slice(c.start - 1000, c.end - 1000)).toBe(c.text);
  });

  it('decides several targets of one sentence independently', () => {
    const s = 'Denies weakness; reports tingling and possible numbness.';
    const spans = ['weakness', 'tingling', 'numbness'].map((t) => findTarget(s, t)!);
    const out = engine.apply(s, 0, spans);
    expect(out.map((d) => d.assertion)).toEqual(['absent', 'present', 'possible']);
  });

  it('returns present with no cues for an empty or trigger-free sentence', () => {
    expect(engine.apply('', 0, [])).toEqual([]);
    const d = decide('Moderate bilateral foraminal stenosis at L5-S1.', 'foraminal stenosis');
    expect(d).toEqual({
      modifiers: { negated: false, possible: false, historical: false, hypothetical: false, family: false },
      assertion: 'present',
      cues: [],
    });
  });

  it('handles curly apostrophes and possessives', () => {
    expect(assertion('Patient doesn\u2019t have fever.', 'fever')).toBe('absent');
    expect(assertion('Her mother\u2019s sister had lupus.', 'lupus')).toBe('family');
  });
});

describe('assertSentence', () => {
  it('returns assertion, modifiers, cues and the target span (sentence offsets)', () => {
    const r = assertSentence(engine, 'No evidence of Spondylolisthesis.', 'spondylolisthesis');
    expect(r).toMatchObject({
      assertion: 'absent',
      target: { start: 15, end: 32, text: 'Spondylolisthesis' },
      cues: [
        { category: 'negated', text: 'No evidence of', start: 0, end: 14, rule: 'neg-pre:no evidence of' },
      ],
    });
  });

  it('prefers a whole-word occurrence and reports a missing target', () => {
    expect(findTarget('Painful joints; no pain at rest.', 'pain')).toEqual({ start: 19, end: 23 });
    expect(findTarget('Painful joints.', 'pain')).toEqual({ start: 0, end: 4 });
    expect(findTarget('chest   pain today', 'Chest Pain')).toEqual({ start: 0, end: 12 });
    expect(assertSentence(engine, 'No fracture.', 'stenosis')).toEqual({
      error: 'target "stenosis" not found in the sentence',
    });
  });
});

describe('rule loading', () => {
  const minimal = (rules: unknown[], extra: Record<string, unknown> = {}) => ({
    version: '1',
    listSeparators: [','],
    rules,
    sectionDefaults: [],
    ...extra,
  });

  it('validates rule data with zod', () => {
    expect(() => ContextEngine.fromRules({})).toThrow(/rules/);
    expect(() =>
      ContextEngine.fromRules(minimal([{ id: 'x', category: 'negated', phrases: ['no'] }])),
    ).toThrow(/direction/);
    expect(() =>
      ContextEngine.fromRules(
        minimal([{ id: 'x', category: 'maybe', direction: 'forward', phrases: ['no'] }]),
      ),
    ).toThrow(/category/);
    expect(() =>
      ContextEngine.fromRules(
        minimal([{ id: 'x', category: 'negated', direction: 'forward', phrases: ['no', 'No'] }]),
      ),
    ).toThrow(/listed twice/);
    expect(() =>
      ContextEngine.fromRules(
        minimal([{ id: 'x', category: 'negated', direction: 'forward', phrases: ['{nope} x'] }]),
      ),
    ).toThrow(/unknown macro/);
    expect(() => ContextEngine.fromFile(join('/nonexistent', 'context.json'))).toThrow(/cannot read/);
  });

  it('expands macros, honours maxScope and stem matching', () => {
    const e = ContextEngine.fromRules(
      minimal(
        [
          { id: 'neg', category: 'negated', direction: 'forward', maxScope: 2, phrases: ['{verb} no'] },
          { id: 'den', category: 'negated', direction: 'forward', stem: true, phrases: ['deny'] },
        ],
        { macros: { verb: ['shows', 'has'] } },
      ),
    );
    const run = (s: string, t: string) => {
      const at = findTarget(s, t)!;
      return e.apply(s, 0, [at])[0]!.assertion;
    };
    expect(run('It shows no acute fracture.', 'fracture')).toBe('absent');
    expect(run('It shows no large acute fracture.', 'fracture')).toBe('present');
    expect(run('He denied fever.', 'fever')).toBe('absent');
    expect(run('He denying fever.', 'fever')).toBe('absent');
    expect(e.rules.map((r) => r.id)).toEqual(['neg:shows no', 'neg:has no', 'den:deny']);
  });

  it('compiles the shipped lexicon fast enough to load per process and runs a sentence in one pass', () => {
    const t0 = performance.now();
    const e = ContextEngine.fromFile();
    const load = performance.now() - t0;
    const s =
      'No fracture, listhesis, or marrow edema; mild disc bulge at L4-5 without stenosis, possible annular fissure.';
    const at = findTarget(s, 'annular fissure')!;
    const t1 = performance.now();
    for (let i = 0; i < 2000; i++) e.apply(s, 0, [at]);
    const per = (performance.now() - t1) / 2000;
    expect(load).toBeLessThan(1500);
    expect(per).toBeLessThan(1);
  });
});
