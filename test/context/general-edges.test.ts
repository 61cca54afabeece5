/**
 * General clinical sentences at the edges of a cue's scope: names that hold a cue word, a clause the cue
 * governs through "that"/"whether", a new subject after ", and", idioms whose "not" is about something else,
 * hedges made of negation words, people other than relatives, and events dated to a past year.
 */
import { describe, expect, it } from 'vitest';
import { assertSentence, ContextEngine, yearOfIsoDate } from '../../src/context/index.js';

const engine = ContextEngine.fromFile();
function assertion(sentence: string, target: string, date?: string): string {
  const r = assertSentence(engine, sentence, target, date === undefined ? {} : { date });
  if ('error' in r) throw new Error(r.error);
  return r.assertion;
}

describe('names that hold a cue word', () => {
  it('end no negation scope when they are one item of a list', () => {
    expect(assertion('CT abdomen: no free air or bowel obstruction.', 'bowel obstruction')).toBe('absent');
    expect(assertion('No ascites, free fluid, or abscess collection.', 'abscess collection')).toBe('absent');
    expect(assertion('Small amount of free fluid in the pelvis.', 'free fluid')).toBe('present');
    expect(assertion('Blood cultures grew gram negative rods.', 'rods')).toBe('present');
  });
});

describe('return precautions and past episodes', () => {
  it('reads what to come back early for as hypothetical, however the precaution is worded', () => {
    const precaution =
      'Return in 4-6 weeks, or right away for any numbness between the legs, trouble urinating, or leg weakness.';
    expect(assertion(precaution, 'trouble urinating')).toBe('hypothetical');
    expect(assertion('Review in 4 weeks, earlier for saddle numbness, fever or night pain.', 'fever')).toBe(
      'hypothetical',
    );
    expect(assertion('ED if any bladder change or saddle numbness.', 'saddle numbness')).toBe('hypothetical');
    expect(assertion('Return if any new weakness.', 'weakness')).toBe('hypothetical');
    // "minimal, if any" hedges no condition; "sent to the ED for" a symptom is the symptom now.
    expect(assertion('There is minimal, if any, stenosis at L3-4.', 'stenosis')).toBe('present');
    expect(assertion('He was sent to the ED for back pain.', 'back pain')).toBe('present');
  });

  it('leaves what remains of a past illness present, and reads hedges after the finding', () => {
    expect(assertion('Prior stroke with residual left-sided weakness.', 'left-sided weakness')).toBe(
      'present',
    );
    expect(assertion('History of L4-5 discectomy with residual L5 numbness.', 'discectomy')).toBe(
      'historical',
    );
    expect(assertion('Hepatic steatosis is a consideration.', 'Hepatic steatosis')).toBe('possible');
    expect(assertion('Tiny annular fissure at L4-5 is questioned.', 'annular fissure')).toBe('possible');
    expect(assertion('Discussed starting a statin at the next visit.', 'statin')).toBe('hypothetical');
    expect(assertion('We started gabapentin today.', 'gabapentin')).toBe('present');
  });

  it('reads a past episode as history', () => {
    expect(
      assertion('Past episode of saddle paresthesia in 2022 was anesthesia-related.', 'saddle paresthesia'),
    ).toBe('historical');
  });
});

describe('care booked but not yet done', () => {
  it('reads an operation a patient is added on or waiting for as planned', () => {
    expect(assertion('He was added on for surgical decompression this week.', 'surgical decompression')).toBe(
      'hypothetical',
    );
    expect(assertion('She is on the waiting list for an ACDF.', 'ACDF')).toBe('hypothetical');
    // A drug "added on for" a symptom was started.
    expect(assertion('Gabapentin was added on for nerve pain.', 'Gabapentin')).toBe('present');
    // Care named with "pre-" is still ahead; "pre-existing" qualifies nothing after it.
    expect(assertion('Pre-ESI planning MRI of the lumbar spine.', 'ESI')).toBe('hypothetical');
    expect(assertion('Pre-existing stenosis; she had an ESI in May.', 'ESI')).toBe('present');
  });
});

describe('a clause governed by the cue', () => {
  it('keeps the subject of a "that" or "whether" clause inside the scope', () => {
    expect(assertion('There is no evidence that the patient has osteomyelitis.', 'osteomyelitis')).toBe(
      'absent',
    );
    expect(assertion('It is unclear whether he has true angina.', 'angina')).toBe('possible');
    expect(assertion('No indication that she had a seizure.', 'seizure')).toBe('absent');
  });

  it('ends a negation at a new subject after ", and"', () => {
    expect(assertion('No vomiting, and the patient continues to have diarrhea.', 'diarrhea')).toBe('present');
    expect(assertion('No vomiting or diarrhea.', 'diarrhea')).toBe('absent');
  });

  it('leaves a cause still sought present', () => {
    expect(assertion('No cause for his anemia has been found.', 'anemia')).toBe('present');
    expect(assertion('No explanation for the elevated lipase was identified.', 'elevated lipase')).toBe(
      'present',
    );
  });
});

describe('negation words that deny something else', () => {
  it('reads idioms and double negatives as no denial of the finding', () => {
    expect(assertion('He is not sure when the rash first appeared.', 'rash')).toBe('present');
    expect(assertion('She has not been compliant with her inhalers for asthma.', 'asthma')).toBe('present');
    expect(assertion('The patient is not without discomfort after the procedure.', 'discomfort')).toBe(
      'present',
    );
  });

  it('reads hedges built of negation words as possible', () => {
    expect(assertion('Appearance is not unlikely to represent metastasis.', 'metastasis')).toBe('possible');
    expect(assertion('The lesion cannot be differentiated from a hemangioma.', 'hemangioma')).toBe(
      'possible',
    );
    expect(assertion('The adrenal nodule is indeterminate for adenoma.', 'adenoma')).toBe('possible');
  });

  it('reads a diagnosis that must still be excluded as hypothetical', () => {
    expect(assertion('Septic arthritis must be excluded.', 'Septic arthritis')).toBe('hypothetical');
    expect(assertion('Acute coronary syndrome needs to be ruled out.', 'Acute coronary syndrome')).toBe(
      'hypothetical',
    );
    expect(assertion('Acute coronary syndrome was ruled out.', 'Acute coronary syndrome')).toBe('absent');
  });
});

describe('people other than the patient', () => {
  it('reads donors, housemates, coworkers and friends as someone else', () => {
    expect(assertion('The kidney donor was CMV positive.', 'CMV positive')).toBe('family');
    expect(assertion('His coworker was diagnosed with tuberculosis.', 'tuberculosis')).toBe('family');
    expect(assertion('Her roommate recently had strep throat.', 'strep throat')).toBe('family');
  });

  it('reads the patient described as a parent as the patient', () => {
    expect(assertion('She is a mother of two with new onset headaches.', 'headaches')).toBe('present');
    expect(assertion("The patient's mother has migraines.", 'migraines')).toBe('family');
  });

  it('reads a relative who reports or denies for the patient as the patient', () => {
    expect(assertion('Parents deny any fevers or rash.', 'rash')).toBe('absent');
    expect(
      assertion('Family members at bedside deny that the patient has had any seizures.', 'seizures'),
    ).toBe('absent');
    expect(assertion('His mother reports that he has had back pain for a week.', 'back pain')).toBe(
      'present',
    );
    expect(assertion('Mother has breast cancer.', 'breast cancer')).toBe('family');
  });
});

describe('the past', () => {
  it('reads a survivor and a remission as history', () => {
    expect(assertion('Colon cancer survivor, status post resection.', 'Colon cancer')).toBe('historical');
    expect(assertion('Acute myeloid leukemia, in complete remission.', 'Acute myeloid leukemia')).toBe(
      'historical',
    );
  });

  it('dates an event told in a past year against the sentence date', () => {
    const s = 'He was hospitalized for pneumonia in 2019.';
    expect(assertion(s, 'pneumonia', '2024-05-01')).toBe('historical');
    expect(assertion(s, 'pneumonia', '2020-01-15')).toBe('present');
    // A condition that began in a year may go on: only an event told in the past tense is over.
    expect(assertion('Diagnosed with hypothyroidism in 2012.', 'hypothyroidism', '2024-05-01')).toBe(
      'present',
    );
    expect(assertion('She had a pulmonary embolism in 2015.', 'pulmonary embolism')).toBe('historical');
  });

  it('accepts only a real calendar date', () => {
    expect(yearOfIsoDate('2024-02-29')).toBe(2024);
    expect(yearOfIsoDate('2023-02-29')).toBeNull();
    expect(yearOfIsoDate('05/01/2024')).toBeNull();
    expect(assertSentence(engine, 'No fever.', 'fever', { date: 'yesterday' })).toEqual({
      error: 'date "yesterday" is not a valid YYYY-MM-DD date',
    });
  });
});

describe('comparisons, alternatives and what is left', () => {
  it('reads a finding not seen before as new, not absent', () => {
    expect(assertion('Small right pleural effusion, not seen on the prior study.', 'pleural effusion')).toBe(
      'present',
    );
    expect(assertion('No pleural effusion is seen on the prior study.', 'pleural effusion')).toBe('absent');
  });

  it('negates the alternative set aside', () => {
    expect(assertion('Findings favor atelectasis rather than pneumonia.', 'pneumonia')).toBe('absent');
    // What the findings favour is the likelier reading, hedged as "is favored" is.
    expect(assertion('Findings favor atelectasis rather than pneumonia.', 'atelectasis')).toBe('possible');
  });

  it('keeps what remains after a finding resolved', () => {
    expect(
      assertion('Resolution of the abscess, with residual small fluid collection.', 'fluid collection'),
    ).toBe('present');
  });

  it('reads a low concern as a negative, a thing not encountered as absent, and "will start" as a plan', () => {
    expect(
      assertion('Low concern for malignancy given mechanical pattern and normal labs.', 'malignancy'),
    ).toBe('absent');
    expect(assertion('A dural tear was not encountered during the procedure.', 'dural tear')).toBe('absent');
    expect(assertion('Will start gabapentin 300 mg nightly for the leg pain.', 'gabapentin')).toBe(
      'hypothetical',
    );
    expect(assertion('Will obtain flexion-extension radiographs.', 'radiographs')).toBe('hypothetical');
    // A concern that is not low is still a hedge.
    expect(assertion('Concern for malignancy given night pain.', 'malignancy')).toBe('possible');
  });

  it('reads a query mark written against a word as a question about that word only', () => {
    const note = 'Back pain w/ bilateral leg pain on walking, ?neurogenic claudication.';
    expect(assertion(note, 'neurogenic claudication')).toBe('possible');
    expect(assertion(note, 'Back pain')).toBe('present');
    expect(assertion('Disc prolapse? Await MRI.', 'Disc prolapse')).toBe('possible');
    expect(assertion('Disc prolapse? Await MRI.', 'MRI')).toBe('present');
    // Standing free, it still looks back ("cyst noted ?").
    expect(assertion('Small pelvic cyst noted ?', 'pelvic cyst')).toBe('possible');
  });

  it('keeps a hedge out of the clause a comma and "with", "that" or "causing" open', () => {
    expect(
      assertion(
        'Anterolisthesis C4 on C5 (2 mm), likely degenerative, with severe right C4-5 facet arthropathy.',
        'facet arthropathy',
      ),
    ).toBe('present');
    expect(
      assertion('Likely phlegmon, causing mild compression of the cord at T8-T9.', 'compression of the cord'),
    ).toBe('present');
    // A list after the hedge is still its own.
    expect(assertion('Concern for discitis, epidural phlegmon, or abscess.', 'abscess')).toBe('possible');
  });

  it("reads a template's answer after a finding as its negation", () => {
    expect(assertion('Numbness: neg', 'Numbness')).toBe('absent');
    expect(assertion('N/V/D: neg', 'N/V/D')).toBe('absent');
    expect(assertion('Babinski (-) bilaterally.', 'Babinski')).toBe('absent');
    expect(assertion("Spurling's (-), Hoffmann's (+) on the right.", "Hoffmann's")).toBe('present');
    // A "neg" before its noun is part of a name.
    expect(assertion('Gram neg rods in the blood cultures.', 'rods')).toBe('present');
  });

  it('reads a diagnosis considered and then ruled out as absent, and "no c/o" as a denial', () => {
    expect(
      assertion('Hip pathology was considered but excluded by normal radiographs.', 'Hip pathology'),
    ).toBe('absent');
    expect(assertion('Appendicitis was considered but ruled out.', 'Appendicitis')).toBe('absent');
    expect(assertion('Ambulated 150 ft with walker, no c/o dizziness.', 'dizziness')).toBe('absent');
  });

  it("reads a relative's own complaint told with a pronoun of the relative's sex as the relative's", () => {
    expect(
      assertion(
        'His wife reports that she has also been having low back pain since the accident.',
        'low back pain',
      ),
    ).toBe('family');
    expect(assertion('Her husband states he has had sciatica for years.', 'sciatica')).toBe('family');
    // The pronoun that can be the patient's leaves the complaint the patient's.
    expect(assertion('His wife reports that he has been having low back pain.', 'low back pain')).toBe(
      'present',
    );
    expect(assertion('Mother states she has had fevers for 3 days.', 'fevers')).toBe('present');
  });

  it('ends a negation at a new subject, "the patient"', () => {
    expect(
      assertion(
        'Without any prior trauma or fall, the patient developed severe thoracic back pain.',
        'back pain',
      ),
    ).toBe('present');
    expect(assertion('No evidence that the patient has cancer.', 'cancer')).toBe('absent');
  });

  it('reads care a note sends the patient back for, or says is due, as planned', () => {
    expect(assertion('Patient to return in 3 months for repeat DEXA scan.', 'DEXA scan')).toBe(
      'hypothetical',
    );
    expect(
      assertion('Pt will follow up in 6 weeks with repeat lumbar radiographs.', 'lumbar radiographs'),
    ).toBe('hypothetical');
    expect(assertion('Repeat colonoscopy is due this year.', 'colonoscopy')).toBe('hypothetical');
    // "due to" gives a cause, and a past return is no plan.
    expect(assertion('Back pain is due to muscle strain.', 'muscle strain')).toBe('present');
  });

  it('reads "not necessarily indicative of" and "may simply represent" as hedges', () => {
    expect(assertion('Findings are not necessarily indicative of osteomyelitis.', 'osteomyelitis')).toBe(
      'possible',
    );
    expect(assertion('This may simply represent a postoperative seroma.', 'seroma')).toBe('possible');
  });

  it('reads a healed injury as history', () => {
    expect(assertion('Right wrist fracture in 2016, since healed.', 'wrist fracture')).toBe('historical');
  });
});

describe('long lists', () => {
  it('denies every item of a review of systems, however long, and a "history of" item inside it', () => {
    const ros =
      'Review of systems is negative for fevers, chills, fatigue, headache, blurred vision, chest pain, cough, shortness of breath, nausea, diarrhea, dysuria, joint swelling, and easy bruising.';
    expect(assertion(ros, 'easy bruising')).toBe('absent');
    expect(assertion(ros, 'dysuria')).toBe('absent');
    const denied =
      'He denies fevers, night sweats, unexplained weight loss, history of malignancy, IV drug use, recent urinary infection, urinary retention, bowel incontinence or perineal numbness.';
    expect(assertion(denied, 'perineal numbness')).toBe('absent');
    expect(assertion(denied, 'IV drug use')).toBe('absent');
    // An item too long to be one ends the list: what follows is a statement of its own.
    expect(
      assertion(
        'No fevers, chills, sweats, nausea, vomiting, dysuria, cough or rash, and today she walked into clinic with a new limp.',
        'limp',
      ),
    ).toBe('present');
  });

  it('reads the risks, side effects and complications of a treatment as what may happen', () => {
    const consent =
      'Risks of surgery including but not limited to bleeding, infection, dural tear, nerve injury, weakness, paralysis and need for further surgery were discussed, and she wishes to proceed.';
    expect(assertion(consent, 'infection')).toBe('hypothetical');
    expect(assertion(consent, 'paralysis')).toBe('hypothetical');
    expect(assertion('Potential side effects include dizziness and somnolence.', 'somnolence')).toBe(
      'hypothetical',
    );
    expect(assertion('Untreated hypothyroidism can lead to heart failure.', 'heart failure')).toBe(
      'hypothetical',
    );
    // "not limited to" opens a list: it negates nothing.
    expect(
      assertion(
        'Symptoms include but are not limited to low back pain and left leg numbness.',
        'leg numbness',
      ),
    ).toBe('present');
  });
});

describe('shorthand and everyday phrasings', () => {
  it('reads "-ve" after a finding as absent and "+ve" as present', () => {
    expect(assertion('Straight leg raise -ve on the left.', 'Straight leg raise')).toBe('absent');
    expect(assertion('Hoffmann +ve on the right.', 'Hoffmann')).toBe('present');
  });

  it('reads a doubt between two ages, sides or grades as no doubt of the finding', () => {
    expect(assertion('Acute versus subacute compression fracture of T12.', 'compression fracture')).toBe(
      'present',
    );
    expect(assertion('Mild vs moderate left foraminal stenosis at L4-5.', 'foraminal stenosis')).toBe(
      'present',
    );
    // A doubt between two findings stays one.
    expect(assertion('Osteoporotic vs pathologic fracture of L2.', 'pathologic fracture')).toBe('possible');
  });

  it('passes over a short aside in brackets to reach the finding', () => {
    expect(
      assertion('The left EHL weakness (4/5 at the two week review) has resolved; 5/5 today.', 'weakness'),
    ).toBe('absent');
  });

  it('reads a symptom that "is gone" or "went away" as absent', () => {
    expect(assertion('She says the numbness in her toes is gone.', 'numbness')).toBe('absent');
    expect(assertion('The buttock pain went away after the injection.', 'buttock pain')).toBe('absent');
  });

  it('keeps a finding present when only its cause is denied', () => {
    expect(assertion('No clear cause was identified for her falls.', 'falls')).toBe('present');
    expect(assertion('There is no obvious explanation for the weight loss.', 'weight loss')).toBe('present');
  });

  it('reads a query or an unanswered "whether" as possible, whoever the clause is about', () => {
    expect(assertion('Query early discitis at L3-4.', 'discitis')).toBe('possible');
    expect(assertion('He is unsure whether he has had any bowel incontinence.', 'bowel incontinence')).toBe(
      'possible',
    );
    expect(assertion('Not clear if there is true weakness or pain inhibition.', 'weakness')).toBe('possible');
  });

  it('reads a requested clinical correlation as a question still open', () => {
    expect(assertion('Clinical correlation for radiculopathy is advised.', 'radiculopathy')).toBe(
      'hypothetical',
    );
  });

  it("reads a maternal history as the mother's, and a relative given instructions as no relative's finding", () => {
    expect(assertion('Newborn; maternal history of hepatitis B.', 'hepatitis B')).toBe('family');
    expect(
      assertion('Parents were instructed to return for fever, vomiting or poor feeding.', 'vomiting'),
    ).toBe('hypothetical');
  });

  it('dates a procedure named by its ending as care ("arthroplasty", "appendectomy"), not a condition', () => {
    expect(assertion('Left total hip arthroplasty in 2011.', 'total hip arthroplasty', '2024-05-01')).toBe(
      'historical',
    );
    expect(assertion('Open appendectomy in 1998.', 'appendectomy', '2024-05-01')).toBe('historical');
    // A condition dated to a year may still be going on.
    expect(
      assertion('Hypothyroidism diagnosed in 2011, on levothyroxine.', 'Hypothyroidism', '2024-05-01'),
    ).toBe('present');
  });

  it("reads care stopped or completed in a past year, and a past pregnancy's illness, as history", () => {
    expect(
      assertion(
        'Completed radiation therapy for prostate cancer in 2015.',
        'radiation therapy',
        '2024-05-01',
      ),
    ).toBe('historical');
    expect(assertion('Stopped gabapentin in 2020 because of dizziness.', 'gabapentin', '2024-05-01')).toBe(
      'historical',
    );
    expect(assertion('Preeclampsia in her last pregnancy.', 'Preeclampsia')).toBe('historical');
  });
});

describe('differentials, double negatives and changes', () => {
  it('reads diagnoses considered and felt unlikely as absent', () => {
    const s =
      'Epidural abscess, vertebral osteomyelitis and metastatic disease were considered and are felt to be very unlikely given the normal exam.';
    expect(assertion(s, 'vertebral osteomyelitis')).toBe('absent');
    expect(assertion('Cauda equina syndrome is thought to be unlikely.', 'Cauda equina syndrome')).toBe(
      'absent',
    );
  });

  it('reads "sooner with any X" in a follow-up plan as a warning, not a finding', () => {
    expect(
      assertion(
        'Recheck in 6 weeks, sooner with any new numbness, weakness or urinary retention.',
        'urinary retention',
      ),
    ).toBe('hypothetical');
  });

  it('reads what has not worsened or progressed, and what is only not relieved, as still there', () => {
    expect(assertion('No progression of the L3-4 disc extrusion.', 'disc extrusion')).toBe('present');
    expect(assertion('No interval worsening of the chronic kidney disease.', 'chronic kidney disease')).toBe(
      'present',
    );
    expect(assertion('Denies relief of neck pain with ibuprofen.', 'neck pain')).toBe('present');
    expect(assertion('No sustained improvement after 8 weeks of physical therapy.', 'physical therapy')).toBe(
      'present',
    );
    expect(assertion('Duloxetine is not a treatment for her knee pain.', 'knee pain')).toBe('present');
  });

  it('reads a screening question as open until answered, and "answered no to all" as denying the list', () => {
    const s =
      'Red flag screen: asked about fever, night sweats, problems passing urine, and weakness in the legs - answered no to all.';
    expect(assertion(s, 'weakness in the legs')).toBe('absent');
    expect(assertion(s, 'night sweats')).toBe('absent');
    expect(assertion('Asked about bowel incontinence.', 'bowel incontinence')).toBe('hypothetical');
    // A polite referral opener is no condition.
    expect(assertion("I'd be grateful if you could see this man with low back pain.", 'low back pain')).toBe(
      'present',
    );
  });

  it('leaves what a denied finding would explain present', () => {
    expect(
      assertion('No lesion was seen that could explain her urinary retention.', 'urinary retention'),
    ).toBe('present');
    expect(assertion('No stenosis to account for the leg pain.', 'leg pain')).toBe('present');
    expect(assertion('No stenosis to account for the leg pain.', 'stenosis')).toBe('absent');
  });

  it('reads two negations as none, and "not necessarily exclude" as a hedge', () => {
    expect(assertion('He has never been free of back pain since the fall.', 'back pain')).toBe('present');
    expect(assertion('There is no reason to doubt the diagnosis of gout.', 'gout')).toBe('present');
    expect(assertion('Findings are not inconsistent with early discitis.', 'early discitis')).toBe(
      'possible',
    );
    expect(assertion('A normal ESR does not necessarily exclude spinal infection.', 'spinal infection')).toBe(
      'possible',
    );
    expect(assertion('ER-negative ductal carcinoma of the left breast.', 'ductal carcinoma')).toBe('present');
  });

  it('reads what has stopped, or no further episode of, as absent; care added if a test stays high as planned', () => {
    expect(assertion('The nosebleed has stopped.', 'nosebleed')).toBe('absent');
    expect(assertion('No further episode of syncope since admission.', 'syncope')).toBe('absent');
    expect(assertion('Will add amlodipine if her pressure remains above 150.', 'amlodipine')).toBe(
      'hypothetical',
    );
    expect(
      assertion(
        'He had urinary retention, which resolved completely within 3 months of surgery.',
        'urinary retention',
      ),
    ).toBe('absent');
  });
});
