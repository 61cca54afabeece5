import { describe, expect, it } from 'vitest';
import { loadGuideline } from '../../src/guideline/index.js';
import { evaluateCase } from '../../src/index.js';

const { language } = loadGuideline();
const course = (s: string) => language.course(s).map((x) => x.cls);

describe('course words', () => {
  it('reads improvement, persistence and worsening', () => {
    expect(course('Her low back pain is much improved since starting therapy.')).toEqual(['improving']);
    expect(course('Radicular leg pain unchanged despite naproxen.')).toEqual(['notImproving']);
    expect(course('Numbness in the left foot is worsening.')).toEqual(['worse']);
  });

  it('reads a return to activities and a fall in pain as improvement, a little help as none', () => {
    expect(course('She has returned to work full time.')).toEqual(['improving']);
    expect(course('He is back to golf and played 18 holes last weekend.')).toEqual(['improving']);
    expect(course('Neck pain down to 2/10 from 8/10.')).toEqual(['improving', 'improving']);
    // "returned" alone is the pain coming back; "down to" the leg, not the pain.
    expect(course('The leg pain has returned.')).toEqual(['notImproving']);
    expect(course('Pain radiating down to the foot.')).toEqual([]);
    expect(course('No real change yet.')).toEqual(['notImproving']);
    expect(course('Naproxen helps a little.')).toEqual(['notImproving']);
  });

  it('compares two pain scores the sentence puts in time order', () => {
    expect(course('Back much better, 2/10 now vs 7/10 at the start.')).toEqual(['improving', 'improving']);
    expect(course('Pain 2/10, was 8/10 at the first visit.')).toEqual(['improving']);
    expect(course('Pain went from 8/10 to 3/10.')).toEqual(['improving']);
    expect(course('Pain 9/10, previously 4/10.')).toEqual(['worse']);
    expect(course('Pain 7/10 today vs 6/10 last visit.')).toEqual(['notImproving']);
    // Two scores of one visit are no course.
    expect(course('Pain 6/10 at rest, 8/10 with activity.')).toEqual([]);
  });

  it('reads a tolerance or pain control as no course word', () => {
    // "tolerance" shares its stem with "tolerable", "control" with "controlled": neither says improvement.
    expect(course('No improvement in walking tolerance (50 m) after 12 weeks of PT.')).toEqual([
      'notImproving',
    ]);
    expect(course('Pain control with meloxicam and heat; sitting tolerance about 20 minutes.')).toEqual([]);
    expect(course('Her pain is now well controlled on naproxen.')).toEqual(['improving']);
  });

  it('turns a negated improvement word into not improving', () => {
    expect(course('No significant improvement after six weeks of therapy.')).toEqual(['notImproving']);
    expect(course('He has not really improved with physical therapy.')).toEqual(['notImproving']);
    expect(course('The pain has not worsened.')).toEqual(['notImproving']);
    // "yet" after the negation is part of it, not a contrast.
    expect(course('Lumbar strain, not yet improved after 4 weeks of PT.')).toEqual(['notImproving']);
  });

  it('reads care that cannot control the pain as no improvement', () => {
    expect(course('Leg pain is worsening and she cannot control it with naproxen.')).toEqual([
      'worse',
      'notImproving',
    ]);
    expect(course('Unable to control the pain despite gabapentin.')).toEqual(['notImproving']);
  });

  it('reads a denied worsening finding as no course at all', () => {
    expect(course('No progressive weakness.')).toEqual([]);
    expect(course('She denies new numbness.')).toEqual([]);
    expect(course('Neck pain much better after 8 weeks of PT, without progressive weakness.')).toEqual([
      'improving',
    ]);
    // A denial reaches only the finding right after it; "neither ... nor" is no change either way.
    expect(course('Cervical myelopathy, no falls but worsening hand clumsiness.')).toEqual(['worse']);
    expect(course('Her neck pain has neither improved nor worsened with 8 weeks of PT.')).toEqual([
      'notImproving',
    ]);
  });

  it('reads whether care made a difference', () => {
    expect(course('Eight weeks of therapy and gabapentin have made no real difference.')).toEqual([
      'notImproving',
    ]);
    expect(course('She says none of it has made any difference to her leg pain.')).toEqual(['notImproving']);
    expect(course('The injection made a big difference to his neck pain.')).toEqual(['improving']);
    expect(course('Physical therapy has not made a difference.')).toEqual(['notImproving']);
  });

  it('reads a minimal improvement, however it is worded, as no improvement', () => {
    expect(course('Leg pain improved only minimally over eight weeks of physical therapy.')).toEqual([
      'notImproving',
    ]);
    expect(course('After six weeks of PT her neck pain is slightly improved at best.')).toEqual([
      'notImproving',
    ]);
    expect(course('Her neck pain has improved considerably with PT.')).toEqual(['improving']);
  });

  it('reads a return visit as no course', () => {
    expect(course('Mr. Diaz returns for follow-up of his lumbar radiculopathy.')).toEqual([]);
    expect(course('She returns today after six weeks of physical therapy.')).toEqual([]);
    expect(course('His leg pain has returned since stopping the gabapentin.')).toEqual(['notImproving']);
  });

  it('ignores aggravating and relieving factors', () => {
    expect(course('Pain is worse with prolonged sitting and better with walking.')).toEqual([]);
  });

  it('ignores conditional sentences', () => {
    expect(course('If the pain is not improving in four weeks, we will obtain an MRI.')).toEqual([]);
    expect(course('Should symptoms worsen, she will return to clinic.')).toEqual([]);
    // What would follow is no account of what happened.
    expect(course('A lighter brace would be more helpful for her work.')).toEqual([]);
    expect(course('He would not tolerate a rigid collar.')).toEqual([]);
    // A wish beside it does not hide the course.
    expect(course('Her hand clumsiness is getting worse and she would like surgery.')).toEqual(['worse']);
    expect(course('She could not tolerate physical therapy because of pain.')).not.toEqual([]);
    // What may help is a hope, not a course.
    expect(course('Warm showers may improve his symptoms.')).toEqual([]);
  });

  it('reads no course in a sentence about an earlier episode', () => {
    expect(course('Prior cauda equina syndrome, fully resolved.')).toEqual([]);
    expect(course('History of L5 radiculopathy in 2019, resolved with an injection.')).toEqual([]);
    // "Prior to" is a time: what follows is the course.
    expect(course('Prior to physical therapy the pain was 8/10, now much better.')).toEqual(['improving']);
  });

  it('reads the course told well before a condition in a run-on dictated sentence', () => {
    expect(
      course(
        'she has done physical therapy for 8 weeks and says the back pain is about fifty percent better she will keep up the home program and return in 6 weeks or sooner if worse',
      ),
    ).toEqual(['improving']);
    // Close before the condition, the course word is part of it.
    expect(course('Call if the leg pain is worse or not improving with rest.')).toEqual([]);
  });

  it('a negator does not reach across a clause break', () => {
    expect(course('No leg weakness; back pain improving.')).toEqual(['improving']);
  });
});

describe('treatment status', () => {
  const status = (sentence: string, phrase: string) =>
    language.treatmentStatus(sentence, sentence.indexOf(phrase));

  it('tells received care from care only ordered at this visit', () => {
    expect(status('Status post L5-S1 epidural steroid injection in March.', 'epidural')).toBe('tried');
    expect(status('Referred to pain clinic for an epidural steroid injection.', 'epidural')).toBe('ordered');
    expect(status('Start physical therapy twice weekly.', 'physical')).toBe('ordered');
    expect(status('Continues ibuprofen 600 mg three times daily.', 'ibuprofen')).toBe('tried');
    expect(status('PT referral placed.', 'PT')).toBe('ordered');
  });

  it('takes the nearest cue before the treatment', () => {
    const s = 'He failed eight weeks of physical therapy and is now referred for an epidural injection.';
    expect(status(s, 'physical')).toBe('tried');
    expect(status(s, 'epidural')).toBe('ordered');
  });

  it('care that something happened since was received', () => {
    const s = 'Her leg pain has resolved since the transforaminal injection.';
    expect(status(s, 'transforaminal')).toBe('tried');
    // "since" as "because", or after the care, says nothing of it.
    expect(status('L5-S1 transforaminal injection since symptoms persist.', 'transforaminal')).toBeNull();
    const because = 'Since the MRI shows an L5 root compression a transforaminal injection is reasonable.';
    expect(status(because, 'transforaminal')).toBeNull();
    // "with" before care is treatment with it; after it, how to take it.
    expect(status('She was treated with physical therapy.', 'physical')).toBe('tried');
    expect(status('Ibuprofen 600 mg three times daily with food.', 'Ibuprofen')).toBeNull();
  });

  it('a past time makes referred care received', () => {
    expect(status('Referred to physical therapy seven weeks ago.', 'physical')).toBe('tried');
  });

  it('care done or finished was received', () => {
    expect(status('She has done physical therapy for seven weeks.', 'physical')).toBe('tried');
    expect(status('He finished a course of physical therapy in May.', 'physical')).toBe('tried');
  });

  it('care the note says failed was received, whatever the verb', () => {
    const c = evaluateCase([
      {
        text: 'HPI: Low back pain radiating to the right leg for 8 weeks. His PCP prescribed meloxicam, which has not helped.',
        source: 'note.txt',
      },
    ]);
    expect(c.facts.treatments.find((t) => t.concept === 'analgesic_therapy')?.status).toBe('tried');
  });
});

describe('other language', () => {
  it('sees MRI results cited in a note', () => {
    expect(language.mentionsMri('Lumbar MRI from May shows an L4-5 disc extrusion.')).toBe(true);
    expect(language.mentionsMri('Lumbar radiographs show an L4-5 disc space narrowing.')).toBe(false);
  });

  it('recognises a statement that conservative management as a whole failed', () => {
    expect(language.globalFailure('She has failed conservative management over three months.')).toBe(true);
    expect(language.globalFailure('Symptoms refractory to non-operative treatment.')).toBe(true);
    expect(language.globalFailure('He failed a trial of gabapentin.')).toBe(false);
    expect(language.globalFailure('If conservative care fails, refer to spine surgery.')).toBe(false);
  });
});

describe('care a plan names with nothing said of it', () => {
  const hpi =
    'HPI: Low back pain radiating to the left leg for 10 weeks, no improvement despite 8 weeks of PT.';
  const triage = (text: string) => evaluateCase([{ text, source: 'note.txt' }]).triage;

  it('is ordered at this visit, so a steroid course in the plan is not a second-line treatment tried', () => {
    expect(triage(`${hpi}\nPLAN: Medrol dose pack x 6 days. Follow up in 4 weeks.`)).toBe('second-line');
    // The reason for the order is no account of how the order went.
    expect(triage(`${hpi}\nPLAN: Medrol dose pack x 6 days for the ongoing radicular pain.`)).toBe(
      'second-line',
    );
  });

  it('is ordered under a combined "A/P" header too, unless the sentence says it was received', () => {
    const ap = (lines: string) => triage(`${hpi}\nA/P: Left L5 radiculopathy, not improving.\n${lines}`);
    expect(ap('- Left L4-5 transforaminal epidural steroid injection.\n- Medrol dose pack.')).toBe(
      'second-line',
    );
    expect(ap('- s/p left L4-5 TFESI x2 without relief.\n- Refer to spine surgery.')).toBe('surgical-review');
    expect(ap('- Leg pain worse since the epidural steroid injection in March.')).toBe('surgical-review');
  });

  it('was received when it continues a list that says so', () => {
    const ap = (line: string) => triage(`${hpi}\nA/P: Left L5 radiculopathy, not improving.\n${line}`);
    expect(ap('Failed 8 wks of PT, NSAIDs and a Medrol dosepak. Refer to spine surgery.')).toBe(
      'surgical-review',
    );
    // A list of orders stays a list of orders, and one order after another is no list at all.
    expect(ap('Start PT, NSAIDs and a Medrol dosepak.')).toBe('second-line');
    expect(ap('Failed PT, start a Medrol dosepak.')).toBe('second-line');
    expect(ap('Continue meloxicam, Medrol dosepak, follow up in 4 weeks.')).toBe('second-line');
    expect(ap('Continue home exercises, TFESI at left L5-S1.')).toBe('second-line');
  });

  it('is ordered when the failure beside it is about other care', () => {
    expect(triage(`${hpi}\nPLAN: L5-S1 TFESI given no improvement with PT.`)).toBe('second-line');
    expect(triage(`${hpi}\nPLAN: Medrol dose pack, as she is refractory to NSAIDs.`)).toBe('second-line');
    expect(triage(`${hpi}\nPLAN: L5-S1 TFESI x2 without relief. Refer to spine surgery.`)).toBe(
      'surgical-review',
    );
    expect(triage(`${hpi}\nPLAN: TFESI given no improvement despite a 6-week course of PT.`)).toBe(
      'second-line',
    );
    expect(triage(`${hpi}\nPLAN: TFESI as there was no improvement with over 8 weeks of formal PT.`)).toBe(
      'second-line',
    );
    // A list ends with its "and": what follows is not in it.
    expect(triage(`${hpi}\nPLAN: Radiculopathy refractory to PT and NSAIDs, TFESI today.`)).toBe(
      'second-line',
    );
    // A failure is about the whole list it names.
    const refractory = 'A/P: Radiculopathy refractory to PT, NSAIDs and a Medrol dosepak. Surgical consult.';
    expect(triage(`${hpi}\n${refractory}`)).toBe('surgical-review');
  });

  it('was received when the history says so or the plan says how it went', () => {
    expect(triage(`${hpi} A Medrol dose pack last month did not help.\nPLAN: Discuss options.`)).toBe(
      'surgical-review',
    );
    expect(triage(`${hpi}\nPLAN: Medrol dose pack without relief; refer to spine surgery.`)).toBe(
      'surgical-review',
    );
  });
});

describe('imaging findings of another joint', () => {
  const findingsOf = (text: string) =>
    evaluateCase([{ text, source: 'note.txt' }]).facts.findings.map((f) => `${f.concept} ${f.assertion}`);

  it('are left out of the case when their sentence names the joint and not the spine', () => {
    const knee =
      'ORTHOPEDICS CLINIC\nHPI: Medial left knee pain for 4 months despite 8 weeks of PT.\n' +
      'XR L knee: severe medial joint space narrowing with osteophytes.\nA: Left knee osteoarthritis.';
    expect(findingsOf(knee)).not.toContain('spondylosis present');
    expect(evaluateCase([{ text: knee, source: 'note.txt' }]).triage).toBe('insufficient-data');
  });

  it('are kept when the sentence names the spine or a level too', () => {
    expect(findingsOf('HPI: Low back pain.\nXR: Osteophytes of the lumbar spine and both hips.')).toContain(
      'spondylosis present',
    );
    expect(findingsOf('HPI: Low back pain into the right hip.\nMRI: L4-5 osteophytes.')).toContain(
      'spondylosis present',
    );
  });
});

describe('return visits told with other words', () => {
  it('reads "returns regarding" and "returns after" as a visit, not a recurrence', () => {
    expect(course('She returns regarding her low back pain.')).toEqual([]);
    expect(course('He returns after 8 weeks of physical therapy.')).toEqual([]);
  });
});

describe('neurogenic claudication', () => {
  const mri =
    'MRI LUMBAR SPINE 03/01/2024\nIMPRESSION: Severe central canal stenosis at L4-5 from facet hypertrophy and a disc bulge.';
  const note = (symptom: string) =>
    `Spine clinic 06/10/2024\nHPI: 71-year-old man ${symptom}. He has failed more than 3 months of optimal medical management including PT and NSAIDs.`;

  it('is a spine symptom: the stated failure of care counts, not the imaging-only cap', () => {
    const c = evaluateCase([
      { text: mri, source: 'mri.txt' },
      { text: note('with bilateral neurogenic claudication, able to walk only 50 m'), source: 'note.txt' },
    ]);
    expect(c.documents[1]?.findings.map((f) => `${f.concept}/${f.assertion}`)).toContain(
      'neurogenic_claudication/present',
    );
    expect(c.triage).toBe('surgical-review');
    expect(c.warnings.map((w) => w.code)).not.toContain('imaging-clinical-discordance');
  });

  it('denied, leaves the severe stenosis without a matching symptom', () => {
    const c = evaluateCase([
      { text: mri, source: 'mri.txt' },
      { text: note('with low back pain, no neurogenic claudication'), source: 'note.txt' },
    ]);
    expect(c.warnings.map((w) => w.code)).toContain('imaging-clinical-discordance');
  });
});

describe('course in the reason for a clinic contact', () => {
  it('reads the course told under "Reason:" in a telephone note', () => {
    const phone = [
      'TELEPHONE ENCOUNTER 06/20/2024',
      'Caller: patient',
      'Reason: follow-up of low back pain, asks whether he still needs his appointment.',
      'Patient states his back is much better, has been going to PT since early May.',
    ].join('\n');
    const c = evaluateCase([{ text: phone, source: 'phone.txt' }]);
    expect(c.facts.course.status).toBe('improving');
  });
});

describe('weeks of care between notes', () => {
  const letter =
    'Riverside Physiotherapy\n18 April 2025\n\nI have been seeing her twice weekly for lower back pain and stiffness. Her progress has plateaued.';
  const gp =
    'GP REVIEW\nTuesday 22 April 2025\n\nBack pain for about ten weeks now, no better. Taking regular naproxen and doing physio exercises.\nExam: Tender lumbar paraspinals.';

  it('takes care already in use at the first note as begun before it: the symptoms under it count', () => {
    const c = evaluateCase([
      { text: letter, source: 'letter.txt' },
      { text: gp, source: 'gp.txt' },
    ]);
    expect(c.facts.durations.conservative?.weeks).toBeLessThan(1);
    expect(c.facts.durations.effectiveWeeks).toBe(10);
    expect(c.triage).toBe('second-line');
  });

  it('keeps the weeks between notes when the first note starts the care', () => {
    const start =
      'Spine clinic 04/01/2025\nLow back pain for ten weeks.\nPlan: start physical therapy twice weekly.';
    const later =
      'Spine clinic 04/22/2025\nLow back pain no better. Attending physical therapy twice weekly.';
    const c = evaluateCase([
      { text: start, source: 'a.txt' },
      { text: later, source: 'b.txt' },
    ]);
    expect(c.facts.durations.effectiveWeeks).toBe(3);
    expect(c.triage).toBe('conservative');
  });
});
