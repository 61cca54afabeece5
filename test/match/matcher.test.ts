import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FuzzyCorrector, loadFuzzyLexicon } from '../../src/match/fuzzy.js';
import { createConceptMatcher, loadConceptLexicon, loadModifierLexicon } from '../../src/match/index.js';
import { matchInDocument, tokensOfDocument } from '../../src/pipeline/index.js';
import { createSectionDetector, loadSectionLexicon } from '../../src/sections/index.js';
import { createSentenceSplitter, loadSentenceLexicon } from '../../src/sentences/index.js';
import { stem } from '../../src/text/tokenize.js';
import { packageRoot } from '../../src/util/package-root.js';
import { extractText, finding, findingKeys } from '../helpers/extractor.js';
import { LEXICONS } from '../helpers/lexicons.js';

/** The concept is read as present in each text of `in` and in none of `notIn`. */
function readsOnly(concept: string, texts: { in: string[]; notIn: string[] }): void {
  for (const text of texts.in) expect(findingKeys(extractText(text)), text).toContain(`${concept}/present`);
  for (const text of texts.notIn)
    expect(findingKeys(extractText(text)), text).not.toContain(`${concept}/present`);
}

describe('concept matching', () => {
  it('matches inflections through stemming', () => {
    const r = extractText(
      'FINDINGS: Herniated discs at L4-5 and L5-S1. Multiple disc herniations are present.',
    );
    expect(finding(r, 'disc_herniation')?.levels).toEqual(['L4-L5', 'L5-S1']);
  });

  it('tolerates misspellings of lexicon words without matching look-alike real words', () => {
    expect(findingKeys(extractText('IMPRESSION: Multilevel spondylosys.'))).toContain('spondylosis/present');
    expect(findingKeys(extractText('IMPRESSION: Moderate canal stenossis at L4-5.'))).toContain(
      'spinal_stenosis/present',
    );
  });

  it('corrects within the distance allowed, never a listed real word, never a short word', () => {
    const fuzzy = new FuzzyCorrector(['hyperintense', 'stenosis', 'spondylolisthesis'], {
      version: '1',
      minLength: 7,
      longWordLength: 10,
      neverCorrect: ['hypointense'],
    });
    expect(fuzzy.correct('hyperintnese')).toBe(stem('hyperintense'));
    expect(fuzzy.correct('spondylolisthsis')).toBe(stem('spondylolisthesis'));
    expect(fuzzy.correct('hypointense')).toBeNull();
    expect(fuzzy.correct('stenoss')).toBe(stem('stenosis'));
    expect(fuzzy.correct('steno')).toBeNull();
    expect(fuzzy.correct('synthesis')).toBeNull();
  });

  it('keeps case-sensitive abbreviations apart from ordinary words', () => {
    expect(findingKeys(extractText('PLAN: Continue PT twice weekly.'))).toContain('physical_therapy/present');
    expect(findingKeys(extractText('HPI: Pt reports back pain.'))).not.toContain('physical_therapy/present');
  });

  it('reads coordinated findings that share a head noun', () => {
    const keys = findingKeys(extractText('FINDINGS: No canal or foraminal narrowing. Neck and back pain.'));
    expect(keys).toEqual(
      expect.arrayContaining([
        'spinal_stenosis/absent',
        'foraminal_stenosis/absent',
        'neck_pain/present',
        'back_pain/present',
      ]),
    );
  });

  it('reads a progressive deficit with a side named or the progression said after it', () => {
    readsOnly('progressive_deficit', {
      in: [
        'HPI: Progressive left foot drop over the past two weeks.',
        'HPI: Right footdrop that has progressed since the last visit.',
        'HPI: Leg weakness which has progressed despite the brace.',
        'HPI: Drop foot has worsened since March.',
      ],
      notIn: [
        'HPI: Chronic left foot drop from a prior L5 injury, unchanged.',
        'HPI: No progressive weakness. Stable right foot drop.',
        'HPI: Leg numbness that is worsening with prolonged standing, better with sitting.',
      ],
    });
  });

  it('reads radicular pain from where it travels, not from an exam of dermatomes', () => {
    readsOnly('radiculopathy', {
      in: [
        'HPI: Left leg pain radiating below the knee for 8 weeks.',
        'HPI: The pain travels down the back of the leg to the heel.',
        'HPI: Burning pain down the back of the left leg.',
        'HPI: Dermatomal pain along the lateral forearm.',
      ],
      notIn: [
        'EXAM: Sensation intact to light touch in the L2 through S1 dermatomal distributions.',
        'EXAM: Sensation intact to light touch in a dermatomal distribution bilaterally.',
        'HPI: Swelling and erythema extending below the knee, concern for cellulitis.',
        'HPI: Substernal chest pressure with pain down the left arm.',
        'HPI: Knee pain after a fall. No back pain.',
      ],
    });
  });

  it('reads the upper motor neuron hand and reflex signs and a spinal abscess-like collection', () => {
    expect(findingKeys(extractText('EXAM: Inverted radial reflex on the right.'))).toContain(
      'hyperreflexia/present',
    );
    expect(findingKeys(extractText('EXAM: Finger escape sign positive on the left.'))).toContain(
      'hand_clumsiness/present',
    );
    expect(findingKeys(extractText('IMPRESSION: Rim-enhancing epidural collection at L3-4.'))).toContain(
      'suspected_infection/present',
    );
    // A collection outside the spine is not a spinal infection.
    expect(
      findingKeys(
        extractText('FINDINGS: Peripherally enhancing fluid collection in the anterior pararenal space.'),
      ),
    ).not.toContain('suspected_infection/present');
  });

  it('reads a rear-end collision as trauma and injecting drugs as IV drug use', () => {
    expect(findingKeys(extractText('HPI: Neck pain since she was rear-ended on the highway.'))).toContain(
      'significant_trauma/present',
    );
    expect(findingKeys(extractText('HPI: He reports injecting drugs most days.'))).toContain(
      'iv_drug_use/present',
    );
    expect(findingKeys(extractText('HPI: Injects insulin twice daily.'))).not.toContain(
      'iv_drug_use/present',
    );
  });

  it('reads a progressive deficit named by side and limb, or a limb getting weaker', () => {
    expect(findingKeys(extractText('HPI: Progressive right foot weakness over two weeks.'))).toContain(
      'progressive_deficit/present',
    );
    expect(findingKeys(extractText('HPI: The right foot has been getting weaker.'))).toContain(
      'progressive_deficit/present',
    );
    // General frailty names no limb.
    expect(findingKeys(extractText('HPI: Back pain. She is getting weaker overall.'))).not.toContain(
      'progressive_deficit/present',
    );
  });

  it('reads progressive hand clumsiness or gait disturbance as a progressive deficit too', () => {
    const keys = findingKeys(extractText('HPI: Progressive hand clumsiness over two months; drops cups.'));
    expect(keys).toContain('progressive_deficit/present');
    expect(keys).toContain('hand_clumsiness/present');
    expect(findingKeys(extractText('HPI: Her gait has progressively worsened since the summer.'))).toContain(
      'progressive_deficit/present',
    );
    expect(
      findingKeys(extractText('Assessment: Progressive L L5 motor deficit (evolving foot drop).')),
    ).toContain('progressive_deficit/present');
    expect(findingKeys(extractText('HPI: Left leg weakness clearly worse since the last visit.'))).toContain(
      'progressive_deficit/present',
    );
    expect(findingKeys(extractText('HPI: Leg weakness is worse with prolonged walking.'))).not.toContain(
      'progressive_deficit/present',
    );
    // Clumsiness alone, or progressive pain beside it, is no progression of the deficit.
    expect(findingKeys(extractText('HPI: Progressive neck pain and mild hand clumsiness.'))).not.toContain(
      'progressive_deficit/present',
    );
  });

  it('reads back and neck pain with a score between the pain and its site', () => {
    expect(findingKeys(extractText('HPI: Pain 6/10 in the low back radiating to the left calf.'))).toContain(
      'back_pain/present',
    );
    expect(findingKeys(extractText('HPI: Pain 7/10 in the neck, worse with rotation.'))).toContain(
      'neck_pain/present',
    );
  });

  it('does not read disc height loss as vertebral height loss', () => {
    const keys = findingKeys(extractText('FINDINGS: Loss of disc height at L4-5.'));
    expect(keys).toContain('degenerative_disc_disease/present');
    expect(keys).not.toContain('vertebral_height_loss/present');
  });

  it('grades severity, acuity and height-loss percent with its Genant grade', () => {
    const r = extractText(
      'IMPRESSION: Acute compression fracture of L1 with approximately 30% loss of height. Mild to moderate canal stenosis at L3-4.',
    );
    const fx = finding(r, 'compression_fracture');
    expect(fx?.acuity).toBe('acute');
    const loss = finding(r, 'vertebral_height_loss');
    expect([loss?.percent, loss?.genantGrade, loss?.levels]).toEqual([30, 2, ['L1']]);
    expect(finding(r, 'spinal_stenosis')?.severity).toBe('moderate');
  });

  it('takes a stated Genant grade as the grade of the deformity and its severity', () => {
    const r = extractText(
      'FINDINGS: Genant grade 2 wedge compression deformity of the T12 vertebral body without retropulsion.',
    );
    const loss = finding(r, 'vertebral_height_loss');
    expect([loss?.genantGrade, loss?.severity, loss?.levels, loss?.percent]).toEqual([
      2,
      'moderate',
      ['T12'],
      null,
    ]);
    // Roman numerals, and the grade written before the name.
    expect(
      finding(
        extractText('IMPRESSION: T8 compression deformity, Genant grade III.'),
        'vertebral_height_loss',
      ),
    ).toMatchObject({ genantGrade: 3, severity: 'severe' });
    expect(
      finding(extractText('FINDINGS: Grade 1 (Genant) anterior wedging of L1.'), 'vertebral_height_loss'),
    ).toMatchObject({ genantGrade: 1, severity: 'mild' });
    // The radiologist's grade wins over one derived from the percentage (35% alone would be grade 2).
    const both = finding(
      extractText('IMPRESSION: Compression deformity of L2 with about 35% height loss (Genant grade 3).'),
      'vertebral_height_loss',
    );
    expect([both?.percent, both?.genantGrade]).toEqual([35, 3]);
    // Without a grade or a percentage there is none, and "mild" stays the stated severity.
    const mild = finding(extractText('IMPRESSION: Mild loss of height of L2.'), 'vertebral_height_loss');
    expect([mild?.genantGrade, mild?.severity]).toEqual([null, 'mild']);
  });

  it('reads a grade word of change as no severity of the finding', () => {
    const r = extractText(
      'FINDINGS: L4-5: Mildly worse disc bulge. Moderate desiccation at L5-S1, slightly progressed from prior.',
    );
    expect(finding(r, 'disc_bulge')?.severity).toBeNull();
    expect(finding(r, 'degenerative_disc_disease')?.severity).toBe('moderate');
  });

  it('reads a protocol named for a finding, and a fracture of the posterior elements, as no finding', () => {
    const protocol = extractText(
      'WHOLE SPINE MRI (METASTATIC CORD COMPRESSION PROTOCOL)\nFINDINGS: No cord compression. No marrow lesion.',
    );
    expect(findingKeys(protocol)).not.toContain('cord_compression/present');
    expect(findingKeys(protocol)).not.toContain('suspected_malignancy/present');
    const posterior = extractText('FINDINGS: L2: Mild height loss. No posterior element fracture.');
    expect(findingKeys(posterior)).toEqual(['vertebral_height_loss/present']);
  });

  it('reads "ca" after an organ as a cancer, not a calcium level', () => {
    expect(finding(extractText('PMH: hx breast ca s/p lumpectomy, HTN.'), 'cancer_history')).toBeDefined();
    expect(
      finding(extractText('HPI: Prostate ca 2012, treated with radiation.'), 'cancer_history'),
    ).toBeDefined();
    expect(extractText('LABS: Ca 9.2, Na 140, K 4.1.').findings).toEqual([]);
  });

  it('takes the worse of two grades joined by side words ("severe right and moderate left")', () => {
    const r = extractText('FINDINGS: L5-S1: Severe right and moderate left exit foraminal stenosis.');
    expect(finding(r, 'foraminal_stenosis')?.severity).toBe('severe');
    expect(
      finding(extractText('FINDINGS: Moderate-to-mild bilateral C8 radiculopathy.'), 'radiculopathy')
        ?.severity,
    ).toBe('moderate');
    // A grade of another finding before it is not joined.
    const two = extractText('FINDINGS: Severe facet arthropathy and mild foraminal stenosis at L4-5.');
    expect(finding(two, 'foraminal_stenosis')?.severity).toBe('mild');
  });

  it('reads a grade word of comparison ("most advanced at", "more severe on the left") as no grade', () => {
    const r = extractText(
      'IMPRESSION: Multilevel spondylosis, most advanced at L4-5, where there is mild canal narrowing. Mild bilateral foraminal narrowing at L5-S1, more severe on the left.',
    );
    expect(finding(r, 'spondylosis')?.severity).toBeNull();
    expect(finding(r, 'spinal_stenosis')?.severity).toBe('mild');
    expect(finding(r, 'foraminal_stenosis')?.severity).toBe('mild');
    // A grade without a comparison before it is still the finding's.
    expect(finding(extractText('IMPRESSION: Advanced spondylosis at L4-5.'), 'spondylosis')?.severity).toBe(
      'severe',
    );
  });

  it('reaches a grade across a short aside in brackets, not across a clause', () => {
    const r = extractText(
      'FINDINGS: Moderate (approximately 30%) compression deformity of T12. L4-5: Moderate to severe (grade 3) facet arthropathy.',
    );
    expect(finding(r, 'vertebral_height_loss')?.severity).toBe('moderate');
    expect(finding(r, 'facet_arthropathy')?.severity).toBe('severe');
    // A grade opening its clause may be set off by a comma; a grade said of a finding before it may not.
    expect(
      finding(extractText('FINDINGS: L4-5: Mild, broad-based disc bulge.'), 'disc_bulge')?.severity,
    ).toBe('mild');
    expect(
      finding(extractText('FINDINGS: Stenosis is moderate, disc bulge at L3-4.'), 'disc_bulge')?.severity,
    ).toBeNull();
    // A clause break still ends the reach, and so does a long aside.
    expect(finding(extractText('FINDINGS: Severe; disc bulge at L4-5.'), 'disc_bulge')?.severity).toBeNull();
    expect(
      finding(
        extractText(
          'FINDINGS: Mild (as seen on the prior study from the outside hospital) disc bulge at L4-5.',
        ),
        'disc_bulge',
      )?.severity,
    ).toBeNull();
  });

  it('records provenance for every mention', () => {
    const text = 'HISTORY: Back pain.\nIMPRESSION: Mild loss of height of the L2 vertebral body.';
    const f = finding(extractText(text), 'vertebral_height_loss');
    expect(f?.section).toBe('impression');
    expect(f?.sentence).toBe('Mild loss of height of the L2 vertebral body.');
    expect(text.slice(f!.span.start, f!.span.end)).toBe(f!.span.text);
  });

  it('matches a sentence on the tokens of its document as on its own', () => {
    const matcher = createConceptMatcher(
      loadConceptLexicon(LEXICONS),
      loadModifierLexicon(LEXICONS),
      loadFuzzyLexicon(LEXICONS),
    );
    const detector = createSectionDetector(loadSectionLexicon(LEXICONS));
    const splitter = createSentenceSplitter(loadSentenceLexicon(LEXICONS));
    const dir = join(packageRoot(), 'samples', 'reports');
    let mentions = 0;
    for (const f of readdirSync(dir).filter((x) => x.endsWith('.txt'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      const doc = tokensOfDocument(text);
      for (const sentence of splitter.split(text, detector.detect(text))) {
        const alone = matcher.matchSentence(sentence);
        expect(matchInDocument(matcher, doc, sentence), sentence.text).toEqual(alone);
        mentions += alone.mentions.length;
      }
    }
    expect(mentions).toBeGreaterThan(50);
  });
});

describe('abbreviated height loss', () => {
  it('reads "ht loss" as vertebral height loss, with its level and grade', () => {
    const r = extractText('A/P: multilevel lumbar spondylosis with mild L2 ht loss on XR.\n');
    expect(finding(r, 'vertebral_height_loss')).toMatchObject({
      assertion: 'present',
      levels: ['L2'],
      severity: 'mild',
    });
  });
});
