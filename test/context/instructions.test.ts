/**
 * Warnings and plans that list what has not happened, "scheduled" as a dosing word, backward cues that must
 * not reach into an earlier clause, and "known" after a history.
 */
import { describe, expect, it } from 'vitest';
import { ContextEngine, type ContextTarget, findTarget } from '../../src/context/index.js';

const engine = ContextEngine.fromFile();
const care = { category: 'treatment' } as const;
const clinical = { category: 'clinical' } as const;

function assertion(sentence: string, target: string, extra: Partial<ContextTarget> = {}) {
  const at = findTarget(sentence, target);
  if (!at) throw new Error(`${target} not in ${sentence}`);
  return engine.apply(sentence, 0, [{ ...at, ...extra }])[0]!.assertion;
}

describe('return precautions and warning instructions cover their whole list', () => {
  const every = (s: string, targets: string[]) => {
    for (const t of targets) expect(assertion(s, t, clinical), `${t} :: ${s}`).toBe('hypothetical');
  };

  it('reads a long list after a return instruction to the sentence end', () => {
    every(
      'Return precautions given: come back to the ER for groin numbness, trouble voiding, fever, or foot drop.',
      ['groin numbness', 'trouble voiding', 'fever', 'foot drop'],
    );
    every('Return earlier for chills, new arm numbness, or worsening grip weakness.', [
      'chills',
      'arm numbness',
      'grip weakness',
    ]);
    every(
      'He should return to the emergency room for fecal incontinence, a high fever, or inability to walk.',
      ['fecal incontinence', 'fever', 'inability to walk'],
    );
  });

  it('reads through an item that names a severity or a finding', () => {
    every(
      'Return immediately if there is bowel incontinence, severe leg pain, or numbness of the inner thighs.',
      ['bowel incontinence', 'leg pain', 'numbness of the inner thighs'],
    );
  });

  it('covers calls, seeking care and going to the emergency department', () => {
    every('Call 911 for sudden paralysis or loss of bladder control.', [
      'paralysis',
      'loss of bladder control',
    ]);
    every('Instructed to seek urgent care for night sweats, weight loss, or rising back pain.', [
      'night sweats',
      'weight loss',
      'back pain',
    ]);
    every('Go to the nearest emergency department if new saddle paresthesia or urinary retention develops.', [
      'saddle paresthesia',
      'urinary retention',
    ]);
    every('She was told to call us with any fever, wound drainage, or calf swelling.', [
      'fever',
      'wound drainage',
      'calf swelling',
    ]);
  });

  it('stops at a contrast or a semicolon, and leaves ordinary uses of the verbs alone', () => {
    const s = 'Return for fever or chills; she does have mild numbness in the left foot.';
    expect(assertion(s, 'numbness', clinical)).toBe('present');
    expect(assertion('Gradual return of grip strength in the right hand.', 'grip strength')).toBe('present');
    expect(assertion('He goes for long walks despite the leg pain.', 'leg pain')).toBe('present');
    expect(assertion('She did not seek care for the foot drop until May.', 'foot drop')).toBe('present');
  });
});

describe('"scheduled" before a drug is regular dosing', () => {
  it('keeps a drug taken on a schedule present', () => {
    expect(assertion('Scheduled ibuprofen 600 mg q6h with meals.', 'ibuprofen', care)).toBe('present');
    expect(assertion('Continue duloxetine and scheduled Tylenol 650 mg.', 'Tylenol', care)).toBe('present');
    expect(assertion('Continue duloxetine and scheduled Tylenol 650 mg.', 'duloxetine', care)).toBe(
      'present',
    );
  });

  it('reads a scheduled procedure as planned', () => {
    expect(assertion('Cervical ESI scheduled.', 'ESI', care)).toBe('hypothetical');
    expect(assertion('Left L4 selective nerve root block scheduled 5/2.', 'nerve root block', care)).toBe(
      'hypothetical',
    );
    expect(assertion('Her L3-4 fusion is scheduled.', 'fusion', care)).toBe('hypothetical');
    expect(assertion('Scheduled for L5-S1 microdiscectomy.', 'microdiscectomy', care)).toBe('hypothetical');
    expect(assertion('Kyphoplasty scheduled on Thursday.', 'Kyphoplasty', care)).toBe('hypothetical');
  });
});

describe('a backward cue does not reach into an earlier clause', () => {
  it('leaves a history introduced by a subordinate clause alone', () => {
    expect(assertion('Given the breast cancer, a metastasis cannot be excluded.', 'breast cancer')).toBe(
      'present',
    );
    const s = 'Given her lung cancer, metastasis or myeloma cannot be excluded.';
    expect(assertion(s, 'lung cancer')).toBe('present');
    expect(assertion(s, 'metastasis')).toBe('possible');
    expect(assertion(s, 'myeloma')).toBe('possible');
    const t = 'Because of prior radiation, fracture or infiltration is not excluded.';
    expect(assertion(t, 'radiation')).toBe('historical');
    expect(assertion(t, 'fracture')).toBe('possible');
    expect(assertion(t, 'infiltration')).toBe('possible');
  });

  it('stops at a clause comma but still covers a list', () => {
    const s = 'Mild facet arthropathy at L4-5, a synovial cyst cannot be excluded.';
    expect(assertion(s, 'facet arthropathy')).toBe('present');
    expect(assertion(s, 'synovial cyst')).toBe('possible');
    expect(assertion('Discitis, abscess, or tumor cannot be excluded.', 'Discitis')).toBe('possible');
    expect(assertion('Contusion, hematoma, edema cannot be ruled out.', 'Contusion')).toBe('possible');
  });

  it('applies to negation and history after the cue too', () => {
    const s = 'In a patient with lymphoma, the enhancing epidural lesions are excluded.';
    expect(assertion(s, 'lymphoma')).toBe('present');
    expect(assertion('Old rib fractures, seen years ago.', 'rib fractures')).toBe('historical');
  });
});

describe('"known" ends a history', () => {
  it('reads a known condition after a history as current', () => {
    const s = 'Seventy-year-old with a history of melanoma and known lumbar stenosis.';
    expect(assertion(s, 'lumbar stenosis')).toBe('present');
    expect(assertion(s, 'melanoma')).toBe('historical');
    expect(assertion('History of DVT with known factor V Leiden.', 'factor V Leiden')).toBe('present');
  });

  it('keeps "known history of" and a documented history as they are', () => {
    expect(assertion('Known history of cervical myelopathy.', 'cervical myelopathy')).toBe('historical');
    expect(assertion('History of documented vertebral fracture.', 'vertebral fracture')).toBe('historical');
    expect(assertion('No known history of spinal surgery.', 'spinal surgery')).toBe('absent');
  });
});

describe('a side-specific negative stays in its sentence', () => {
  it('negates the sign on its own side and not the next sentence', () => {
    expect(assertion("Hoffmann's negative on the R.", "Hoffmann's")).toBe('absent');
    expect(assertion('Sustained clonus at the left ankle.', 'Sustained clonus')).toBe('present');
    expect(assertion('Clonus is absent on the right, 4 beats on the left.', 'Clonus')).toBe('absent');
  });
});

describe('rule options behind these readings', () => {
  const lexicon = (rules: unknown[]) => ({
    version: '1',
    listSeparators: [',', 'or'],
    rules,
    sectionDefaults: [],
  });
  const soft = { id: 'soft', category: 'terminate', spareInCondition: true, phrases: ['there', ', severe'] };

  it('lets a conditional scope read through soft terminators, in its clause or throughout', () => {
    const e = ContextEngine.fromRules(
      lexicon([
        {
          id: 'cond',
          category: 'hypothetical',
          direction: 'forward',
          conditional: 'clause',
          phrases: ['if'],
        },
        {
          id: 'warn',
          category: 'hypothetical',
          direction: 'forward',
          conditional: 'scope',
          phrases: ['return for'],
        },
        { id: 'plain', category: 'hypothetical', direction: 'forward', phrases: ['rule out'] },
        soft,
      ]),
    );
    const run = (s: string, t: string) => e.apply(s, 0, [findTarget(s, t)!])[0]!.assertion;
    expect(run('if there is weakness', 'weakness')).toBe('hypothetical');
    expect(run('if fever, severe pain', 'pain')).toBe('present');
    expect(run('return for fever, severe pain', 'pain')).toBe('hypothetical');
    expect(run('rule out there is weakness', 'weakness')).toBe('present');
  });

  it('reads a clause-final phrase only before punctuation, a number or nothing', () => {
    const e = ContextEngine.fromRules(
      lexicon([
        { id: 's', category: 'hypothetical', direction: 'backward', clauseFinal: true, phrases: ['set'] },
      ]),
    );
    const run = (s: string, t: string) => e.apply(s, 0, [findTarget(s, t)!])[0]!.assertion;
    expect(run('block set.', 'block')).toBe('hypothetical');
    expect(run('block set 4/2', 'block')).toBe('hypothetical');
    expect(run('block set dose', 'block')).toBe('present');
  });

  it('rejects the options on the wrong kind of rule', () => {
    expect(() =>
      ContextEngine.fromRules(
        lexicon([
          { id: 'x', category: 'negated', direction: 'forward', spareInCondition: true, phrases: ['no'] },
        ]),
      ),
    ).toThrow(/spareInCondition/);
    expect(() =>
      ContextEngine.fromRules(
        lexicon([{ id: 'x', category: 'terminate', conditional: 'scope', phrases: ['but'] }]),
      ),
    ).toThrow(/no scope/);
  });
});
