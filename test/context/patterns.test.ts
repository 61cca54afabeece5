/**
 * Course, plan and exam phrasings of spine clinic notes that read like the classic ConText cues but are not
 * (or are, in a form the classic lists miss): current complaints after a history, planned care, modal
 * options, advice to avoid, "no better", natural history, warning signs and plantar responses.
 */
import { describe, expect, it } from 'vitest';
import { ContextEngine, type ContextTarget, findTarget } from '../../src/context/index.js';
import { matchTokens } from '../../src/context/tokens.js';

const engine = ContextEngine.fromFile();
const care = { category: 'treatment' } as const;
const clinical = { category: 'clinical' } as const;

function decide(sentence: string, target: string, extra: Partial<ContextTarget> = {}) {
  const at = findTarget(sentence, target);
  if (!at) throw new Error(`${target} not in ${sentence}`);
  return engine.apply(sentence, 0, [{ ...at, ...extra }])[0]!;
}
const assertion = (s: string, t: string, extra: Partial<ContextTarget> = {}) => decide(s, t, extra).assertion;

describe('a current complaint ends a historical scope', () => {
  it('stops "history of" at words that start a current statement', () => {
    const s = 'Sixty-year-old man with a history of prostate cancer and new low back pain for two weeks.';
    expect(assertion(s, 'low back pain', clinical)).toBe('present');
    expect(assertion('History of lymphoma, now with neck pain.', 'neck pain', clinical)).toBe('present');
    expect(assertion('Remote history of cervical fusion and recent neck pain.', 'neck pain')).toBe('present');
    expect(assertion('Prior stroke with residual right-sided weakness.', 'weakness')).toBe('present');
    expect(assertion('History of lumbar fusion, presenting with worsening leg pain.', 'leg pain')).toBe(
      'present',
    );
  });

  it("keeps a relative's presentation the relative's and a negated presentation negated", () => {
    expect(assertion('Her father presented with cord compression from myeloma.', 'cord compression')).toBe(
      'family',
    );
    expect(
      assertion('She has not presented with saddle anesthesia or retention.', 'retention', clinical),
    ).toBe('absent');
    expect(assertion('Does not report any saddle numbness.', 'saddle numbness', clinical)).toBe('absent');
  });

  it("does not let one item's course negate the finding before it", () => {
    expect(assertion('L2-3 epidural abscess on MRI, fever now resolved.', 'epidural abscess')).toBe(
      'present',
    );
    expect(assertion('Edema, contusion, hemorrhage are absent.', 'contusion')).toBe('absent');
  });

  it('ends a negation where the patient "presents with" something', () => {
    expect(
      assertion('Patient with no history of cancer presents with new back pain.', 'back pain', clinical),
    ).toBe('present');
    expect(assertion('Denies trauma, presenting with neck pain.', 'neck pain', clinical)).toBe('present');
    expect(assertion('If she presents with weakness, image urgently.', 'weakness', clinical)).toBe(
      'hypothetical',
    );
  });

  it('keeps the history itself and plain lists historical', () => {
    expect(assertion('History of lymphoma, now with neck pain.', 'lymphoma')).toBe('historical');
    expect(assertion('History of lumbar fusion and hypertension.', 'hypertension')).toBe('historical');
    expect(assertion('No new compression fracture.', 'compression fracture')).toBe('absent');
  });
});

describe('"prior" before a written level', () => {
  it('counts a level written with a hyphen or slash as one word', () => {
    for (const s of [
      'Postoperative changes from prior left L5-S1 hemilaminectomy.',
      'Postsurgical changes of prior right L3-4 discectomy.',
      'Previous C6/7 anterior fusion is noted.',
      'Prior right-sided T12-L1 decompression.',
    ]) {
      const target = s.match(/hemilaminectomy|discectomy|fusion|decompression/)![0];
      expect(assertion(s, target, care), s).toBe('historical');
    }
    const counted = (s: string) => matchTokens(s).filter((t) => t.counts).length;
    expect(counted('L3-4')).toBe(1);
    expect(counted('L5-S1')).toBe(1);
    expect(counted('C5/6')).toBe(1);
    expect(counted('L4 - 5')).toBe(2);
    expect(counted('3-4 weeks')).toBe(3);
  });
});

describe('pseudo-triggers of the course of a disease', () => {
  it('does not read "natural history of" as the patient history', () => {
    expect(assertion('We reviewed the natural history of cervical stenosis.', 'cervical stenosis')).toBe(
      'present',
    );
    expect(assertion('Natural history of disc herniation explained.', 'disc herniation')).toBe('present');
  });

  it('lets a care cue before "natural history" reach the options after it', () => {
    const s = 'Discussed the natural history of sciatica and options including lumbar microdiscectomy.';
    expect(assertion(s, 'lumbar microdiscectomy', care)).toBe('hypothetical');
  });

  it('does not negate a finding described as "no better" or "no worse"', () => {
    expect(
      assertion('Left arm pain no better, 5/10, radiating to the thumb.', 'radiating to the thumb'),
    ).toBe('present');
    expect(assertion('Back pain no worse, radiating down the leg.', 'radiating down the leg')).toBe(
      'present',
    );
    expect(assertion('Neck pain not any better with rest.', 'neck pain')).toBe('present');
    expect(assertion('Back pain no better despite PT.', 'PT', care)).toBe('present');
    expect(assertion('No relief from the epidural injection.', 'epidural injection', care)).toBe('present');
    expect(assertion('No better explanation than radiculopathy was found.', 'radiculopathy')).toBe('present');
  });
});

describe('planned and optional care is hypothetical', () => {
  it('marks care set for a later time', () => {
    expect(assertion('Lumbar fusion is scheduled for 11/02/2025.', 'lumbar fusion', care)).toBe(
      'hypothetical',
    );
    expect(assertion('Microdiscectomy is booked for next month.', 'microdiscectomy', care)).toBe(
      'hypothetical',
    );
    expect(assertion('Urgent C4-5 decompression tomorrow morning.', 'decompression', care)).toBe(
      'hypothetical',
    );
    expect(assertion('Cervical laminoplasty tonight; consent signed.', 'laminoplasty', care)).toBe(
      'hypothetical',
    );
    expect(assertion('Consented for anterior cervical fusion.', 'fusion', care)).toBe('hypothetical');
    expect(assertion('He will undergo T10-L2 fixation next week.', 'fixation', care)).toBe('hypothetical');
    expect(assertion('Posterior decompression planned.', 'decompression', care)).toBe('hypothetical');
  });

  it('keeps care prescribed, continued or received now present', () => {
    expect(assertion('Start gabapentin 300 mg tonight.', 'gabapentin', care)).toBe('present');
    expect(assertion('Referral to physical therapy today.', 'physical therapy', care)).toBe('present');
    expect(assertion('Continue the home exercise program and PT.', 'PT', care)).toBe('present');
    const s = 'Continue meloxicam, transforaminal injection planned for next month.';
    expect(assertion(s, 'meloxicam', care)).toBe('present');
    expect(assertion(s, 'transforaminal injection', care)).toBe('hypothetical');
    expect(assertion('Consider ESI since she completed 8 weeks of PT.', 'PT', care)).toBe('present');
    expect(assertion('Consider ESI since she completed 8 weeks of PT.', 'ESI', care)).toBe('hypothetical');
  });

  it('reads only the phrase before a comma as planned by a trailing participle', () => {
    const s = 'Failed voiding trial with urinary retention, scheduled for prostate surgery.';
    expect(assertion(s, 'failed voiding trial', care)).toBe('present');
    expect(assertion(s, 'prostate surgery', care)).toBe('hypothetical');
    expect(assertion('L4-5 TLIF, scheduled for Monday.', 'TLIF', care)).toBe('hypothetical');
  });

  it('marks care that may be added or tried', () => {
    expect(assertion('May add a muscle relaxant at night.', 'muscle relaxant', care)).toBe('hypothetical');
    expect(assertion('Could try duloxetine for the neuropathic pain.', 'duloxetine', care)).toBe(
      'hypothetical',
    );
    expect(assertion('Can trial a short course of prednisone.', 'prednisone', care)).toBe('hypothetical');
    expect(assertion('She might benefit from aquatic therapy.', 'aquatic therapy', care)).toBe(
      'hypothetical',
    );
    expect(assertion('She can get relief with ibuprofen.', 'ibuprofen', care)).toBe('present');
    expect(assertion('He may have neck pain from the fall.', 'neck pain', clinical)).toBe('possible');
  });

  it('marks advice to avoid a treatment, not activity modification named as avoiding', () => {
    expect(assertion('Avoid bed rest and stay active.', 'bed rest', care)).toBe('hypothetical');
    expect(assertion('He should avoid prolonged bed rest.', 'bed rest', care)).toBe('hypothetical');
    expect(assertion('Avoid NSAIDs given his kidney disease.', 'NSAIDs', care)).toBe('hypothetical');
    expect(assertion('Avoid heavy lifting for a month.', 'avoid heavy lifting', care)).toBe('present');
    const lifting = { ...care, concept: 'activity_modification' };
    expect(assertion('Avoid any heavy lifting.', 'heavy lifting', lifting)).toBe('present');
  });

  it('lets "discussed" reach an option named after its risks and benefits', () => {
    expect(assertion('Discussed decompression.', 'decompression', care)).toBe('hypothetical');
    const s = 'We discussed the risks and benefits of an L5-S1 transforaminal epidural steroid injection.';
    expect(assertion(s, 'epidural steroid injection', care)).toBe('hypothetical');
    const ss = 'PT, naproxen and an epidural steroid injection were discussed.';
    expect(assertion(ss, 'PT', care)).toBe('hypothetical');
    const that = 'I discussed with the patient that her gabapentin dose is low.';
    expect(assertion(that, 'gabapentin', care)).toBe('present');
  });
});

describe('conditions and warnings', () => {
  it('runs a conditional clause through its own list to the comma that closes it', () => {
    const s =
      'If the leg pain persists beyond another six to eight weeks of therapy or foot weakness develops, call.';
    expect(assertion(s, 'foot weakness', clinical)).toBe('hypothetical');
    expect(assertion('If pain continues past 4 weeks or foot drop develops, get an MRI.', 'foot drop')).toBe(
      'hypothetical',
    );
    expect(assertion('If numbness persists, she will call; weakness is stable.', 'weakness')).toBe('present');
    expect(assertion('If the pain persists, start gabapentin at night.', 'gabapentin', care)).toBe(
      'hypothetical',
    );
  });

  it('marks what the patient is told to watch for', () => {
    expect(
      assertion('Reviewed symptoms of cauda equina syndrome to watch for.', 'cauda equina syndrome'),
    ).toBe('hypothetical');
    expect(assertion('Bladder retention is a sign to watch out for.', 'bladder retention')).toBe(
      'hypothetical',
    );
    expect(assertion('Warning signs of myelopathy reviewed.', 'myelopathy')).toBe('hypothetical');
    expect(assertion('Told to watch for saddle numbness.', 'saddle numbness')).toBe('hypothetical');
  });

  it('does not reach back over a finding the patient has', () => {
    const s = 'He has leg weakness and was told to watch for bowel changes.';
    expect(assertion(s, 'leg weakness')).toBe('present');
    expect(assertion(s, 'bowel changes')).toBe('hypothetical');
    expect(assertion('Back pain without warning signs.', 'back pain')).toBe('present');
  });
});

describe('family history overlapping a history term', () => {
  it('applies a trigger that reaches into the head of the target', () => {
    const cancer = { ...clinical, inherentlyHistorical: true };
    expect(assertion('Family history of cancer reviewed.', 'history of cancer', cancer)).toBe('family');
    expect(assertion('Family history of cancer.', 'history of cancer', cancer)).toBe('family');
    expect(assertion('Personal history of cancer.', 'history of cancer', cancer)).toBe('present');
    expect(assertion('No history of cancer.', 'history of cancer', cancer)).toBe('absent');
  });

  it('does not read the target name twice or a pseudo-trigger made of its words', () => {
    expect(assertion('Six weeks of PT with no improvement.', 'no improvement', care)).toBe('present');
    expect(assertion('She reports no change in bowel habits.', 'change in bowel habits')).toBe('absent');
  });
});

describe('plantar responses', () => {
  const babinski = { ...clinical, concept: 'babinski_sign' };
  it('negates a Babinski sign for down-going or flexor plantar responses', () => {
    expect(assertion('Toes down-going bilaterally.', 'toes', babinski)).toBe('absent');
    expect(assertion('Downgoing plantar responses bilaterally.', 'plantar responses', babinski)).toBe(
      'absent',
    );
    expect(assertion('Plantar responses flexor bilaterally.', 'plantar responses', babinski)).toBe('absent');
    expect(assertion('Flexor plantars.', 'plantars', babinski)).toBe('absent');
    expect(assertion('Babinski, toes are downgoing.', 'Babinski', babinski)).toBe('absent');
  });

  it('negates inside a term that names the response', () => {
    expect(assertion('Toes downgoing on both sides.', 'toes downgoing', babinski)).toBe('absent');
  });

  it('keeps an upgoing side, hip flexors and surgical hooks apart', () => {
    expect(assertion('Upgoing toes on the right, downgoing on the left.', 'upgoing toes', babinski)).toBe(
      'present',
    );
    expect(
      assertion('Hip flexor weakness 4/5.', 'weakness', { ...clinical, concept: 'motor_weakness' }),
    ).toBe('present');
    expect(assertion('A downgoing laminar hook was placed with the fusion.', 'fusion', care)).toBe('present');
  });
});

describe('a finding said to have resolved', () => {
  it('negates it through a relative clause or "now"', () => {
    expect(assertion('Left L5 radiculopathy which has since resolved.', 'radiculopathy')).toBe('absent');
    expect(assertion('Right arm numbness, which resolved after the injection.', 'numbness')).toBe('absent');
    expect(assertion('Foot drop that has completely resolved.', 'Foot drop')).toBe('absent');
    expect(assertion('A disc extrusion which was ruled out on MRI.', 'disc extrusion')).toBe('absent');
    expect(assertion('Bladder urgency, now resolved.', 'Bladder urgency')).toBe('absent');
  });

  it('negates a past finding when nothing stands between the comma and "resolved"', () => {
    const past = { modifiers: { negated: true, historical: true } };
    expect(decide('History of lumbar radiculopathy, now resolved.', 'radiculopathy')).toMatchObject(past);
    expect(decide('Previously had neck pain, resolved with therapy.', 'neck pain')).toMatchObject(past);
    expect(assertion('History of lumbar radiculopathy, now resolved.', 'radiculopathy')).toBe('absent');
  });

  it('reads "resolved" of a finding only, at its clause end, and not from an aside the sentence goes on after', () => {
    // Care does not resolve: what follows it is its effect.
    expect(assertion('An epidural injection which resolved her leg pain.', 'epidural injection', care)).toBe(
      'present',
    );
    expect(assertion('S/p L5-S1 ESI, now resolved.', 'ESI', care)).toBe('historical');
    expect(
      assertion('Her sciatica, which resolved after the ESI, came back in June.', 'sciatica', clinical),
    ).toBe('present');
    expect(assertion('Neck pain and arm numbness which has resolved.', 'Neck pain', clinical)).toBe(
      'present',
    );
    expect(assertion('Prior L4-5 discitis, unremarkable follow-up MRI.', 'discitis')).toBe('historical');
  });

  it('keeps a clause with a subject of its own apart', () => {
    expect(assertion('History of sciatica, back pain resolved.', 'sciatica')).toBe('historical');
    expect(assertion('Given the history of fracture, metastasis cannot be excluded.', 'fracture')).toBe(
      'historical',
    );
    expect(assertion('Leg pain which has not resolved despite therapy.', 'Leg pain')).toBe('present');
  });
});

describe('care that is kept, ruled out for the patient, or doubted', () => {
  it('still negates findings after "no changes of" and the items of a denial', () => {
    expect(assertion('No changes of discitis or osteomyelitis.', 'osteomyelitis')).toBe('absent');
    expect(assertion('No changes to suggest an acute fracture.', 'acute fracture')).toBe('absent');
    expect(
      assertion(
        'Denies weakness, no changes in gait, saddle anesthesia or incontinence.',
        'incontinence',
        clinical,
      ),
    ).toBe('absent');
  });

  it('keeps care that "no changes" are made to', () => {
    expect(assertion('No changes were made to her gabapentin.', 'gabapentin', care)).toBe('present');
    expect(assertion('No changes were made to the meloxicam dose.', 'meloxicam', care)).toBe('present');
  });

  it('negates care the patient is not a candidate for, not care named before it', () => {
    expect(assertion('Not a candidate for surgery at this time.', 'surgery', care)).toBe('absent');
    expect(assertion('Failed physical therapy, not a candidate for surgery.', 'physical therapy', care)).toBe(
      'present',
    );
    expect(assertion('She is not a good candidate for fusion given her BMI.', 'fusion', care)).toBe('absent');
    expect(assertion('He is a candidate for fusion.', 'fusion', care)).toBe('hypothetical');
  });

  it('hedges a finding called doubtful, not one of doubtful significance', () => {
    expect(assertion('Cord compression is doubtful.', 'Cord compression')).toBe('possible');
    expect(assertion('Nerve root impingement, doubtful.', 'Nerve root impingement')).toBe('possible');
    expect(assertion('Small disc bulge of doubtful clinical significance.', 'disc bulge')).toBe('present');
  });
});

describe('exam shorthand after a sign', () => {
  const hoffmann = { ...clinical, concept: 'hoffmann_sign' };
  const babinski = { ...clinical, concept: 'babinski_sign' };
  it('negates a sign written as neg, negative, not tested or deferred', () => {
    expect(assertion('Hoffmann neg bilaterally.', 'Hoffmann', hoffmann)).toBe('absent');
    expect(assertion("Babinski's sign: negative.", "Babinski's sign", babinski)).toBe('absent');
    expect(assertion('Clonus not tested.', 'Clonus', { ...clinical, concept: 'clonus' })).toBe('absent');
    expect(assertion('Hoffmann deferred given the cast.', 'Hoffmann', hoffmann)).toBe('absent');
    expect(assertion('Reflexes 2+, Hoffmann not done.', 'Hoffmann', hoffmann)).toBe('absent');
    // Only the exam signs: the surgery is deferred, not the myelopathy it was for.
    const myelopathy = { ...clinical, concept: 'myelopathy' };
    expect(assertion('ACDF for myelopathy deferred given anticoagulation.', 'myelopathy', myelopathy)).toBe(
      'present',
    );
  });

  it('reaches only the sign just before it', () => {
    expect(assertion('Leg pain with straight leg raise negative.', 'Leg pain', clinical)).toBe('present');
    expect(assertion('Back pain, ESR negative.', 'Back pain', clinical)).toBe('present');
    expect(assertion('Hoffmann positive, Babinski neg.', 'Hoffmann', hoffmann)).toBe('present');
  });
});

describe('an inverted condition ("Should X develop, ...")', () => {
  it('is hypothetical at the start of a sentence or clause', () => {
    expect(assertion('Should numbness or weakness occur, return to clinic.', 'weakness')).toBe(
      'hypothetical',
    );
    expect(assertion('Should leg pain persist, consider an epidural injection.', 'leg pain')).toBe(
      'hypothetical',
    );
    expect(
      assertion('Return precautions given; should incontinence develop, go to the ED.', 'incontinence'),
    ).toBe('hypothetical');
  });

  it('is a condition after "and" and only when a comma closes it', () => {
    expect(assertion('Continue PT, and should weakness develop, obtain an MRI.', 'weakness', clinical)).toBe(
      'hypothetical',
    );
    expect(
      assertion('Should urgently obtain MRI for the saddle anesthesia.', 'saddle anesthesia', clinical),
    ).toBe('present');
  });

  it('is no condition inside a clause, after a number, or before a verb', () => {
    expect(assertion('The weakness should improve with therapy.', 'weakness')).toBe('present');
    expect(assertion('Decompression at C5-6 should relieve the myelopathy.', 'myelopathy', clinical)).toBe(
      'present',
    );
    expect(assertion('Should continue gabapentin for the radicular pain.', 'radicular pain', clinical)).toBe(
      'present',
    );
    expect(assertion('Her neck pain should be reassessed in six weeks.', 'neck pain')).toBe('present');
  });
});

describe('rule options', () => {
  const lex = (rules: unknown[]) => ({
    version: '1',
    listSeparators: [',', 'or'],
    rules,
    sectionDefaults: [],
  });
  const run = (e: ContextEngine, s: string, t: string, extra: Partial<ContextTarget> = {}) =>
    e.apply(s, 0, [{ ...findTarget(s, t)!, ...extra }])[0]!.assertion;

  it('validates the new options', () => {
    const neg = { id: 'n', category: 'negated', direction: 'forward', phrases: ['no'] };
    expect(() =>
      ContextEngine.fromRules(
        lex([neg, { id: 't', category: 'terminate', terminates: [], phrases: ['but'] }]),
      ),
    ).toThrow(/must end some scope/);
    expect(() => ContextEngine.fromRules(lex([{ ...neg, claimsClause: true }]))).toThrow(/claimsClause/);
    expect(() => ContextEngine.fromRules(lex([{ ...neg, careOnly: true }]))).toThrow(/careOnly/);
    expect(() =>
      ContextEngine.fromRules(lex([{ id: 'p', category: 'pseudo', clauseScope: 3, phrases: ['no doubt'] }])),
    ).toThrow(/no scope/);
  });

  it('lets a pseudo-trigger end only the scopes it names', () => {
    const e = ContextEngine.fromRules(
      lex([
        { id: 'n', category: 'negated', direction: 'forward', phrases: ['no'] },
        { id: 'h', category: 'historical', direction: 'forward', phrases: ['history of'] },
        { id: 'p', category: 'pseudo', terminates: ['historical'], phrases: ['natural history of'] },
        { id: 'q', category: 'pseudo', terminates: [], phrases: ['no doubt'] },
      ]),
    );
    expect(run(e, 'No natural history of fracture.', 'fracture')).toBe('absent');
    expect(run(e, 'The natural history of fracture.', 'fracture')).toBe('present');
    expect(run(e, 'History of stroke, no doubt a fracture.', 'fracture')).toBe('historical');
  });

  it('counts a clauseInitial phrase only at the start of a sentence or after punctuation', () => {
    const e = ContextEngine.fromRules(
      lex([
        { id: 'h', category: 'hypothetical', direction: 'forward', clauseInitial: true, phrases: ['should'] },
      ]),
    );
    expect(run(e, 'Should fever occur, call.', 'fever')).toBe('hypothetical');
    expect(run(e, 'Call us; should fever recur, come in.', 'fever')).toBe('hypothetical');
    // No comma closes it: advice, not a condition.
    expect(run(e, 'Should urgently treat the fever.', 'fever')).toBe('present');
    expect(run(e, 'Fever should settle.', 'Fever')).toBe('present');
    expect(run(e, 'The plan should address fever.', 'fever')).toBe('present');
    expect(() =>
      ContextEngine.fromRules(
        lex([{ id: 't', category: 'terminate', clauseInitial: true, phrases: ['but'] }]),
      ),
    ).toThrow(/no scope/);
  });

  it('does not count a phrase before an unlessNext word', () => {
    const e = ContextEngine.fromRules(
      lex([
        {
          id: 'h',
          category: 'hypothetical',
          direction: 'forward',
          unlessNext: ['continue'],
          phrases: ['should'],
        },
      ]),
    );
    expect(run(e, 'Should fever recur, call.', 'fever')).toBe('hypothetical');
    expect(run(e, 'Should continue ibuprofen for fever.', 'fever')).toBe('present');
  });

  it('counts a conditional clause up to its comma with clauseScope', () => {
    const cond = { id: 'c', category: 'hypothetical', direction: 'forward', maxScope: 2 };
    const s = 'If pain persists for weeks or numbness spreads, call; fever.';
    expect(run(ContextEngine.fromRules(lex([{ ...cond, phrases: ['if'] }])), s, 'numbness')).toBe('present');
    const e = ContextEngine.fromRules(lex([{ ...cond, clauseScope: 8, phrases: ['if'] }]));
    expect(run(e, s, 'numbness')).toBe('hypothetical');
    expect(
      run(e, 'If pain persists for weeks or numbness spreads, call the office about fever.', 'fever'),
    ).toBe('present');
  });

  it('ends only care scopes with careOnly and drops a backward scope a care verb claims', () => {
    const e = ContextEngine.fromRules(
      lex([
        { id: 'c', category: 'hypothetical', direction: 'forward', phrases: ['if'] },
        {
          id: 'k',
          category: 'hypothetical',
          direction: 'bidirectional',
          categories: ['treatment'],
          phrases: ['consider', 'tonight'],
        },
        {
          id: 't',
          category: 'terminate',
          terminates: ['hypothetical'],
          careOnly: true,
          claimsClause: true,
          phrases: ['start'],
        },
      ]),
    );
    expect(run(e, 'Consider PT and start naproxen.', 'naproxen', care)).toBe('present');
    expect(run(e, 'If pain persists start naproxen.', 'naproxen', care)).toBe('hypothetical');
    expect(run(e, 'Start naproxen tonight.', 'naproxen', care)).toBe('present');
    expect(run(e, 'Start naproxen, surgery tonight.', 'surgery', care)).toBe('hypothetical');
  });
});
