import { evaluateCase, extractDocument, loadLexicons } from '../../src/index.js';

// Compile the lexicons once (pass a folder to use a site's own copy of lexicons/), then reuse them.
const lexicons = loadLexicons();

const mri = `MRI LUMBAR SPINE WITHOUT CONTRAST
Exam date: 2024-03-04
FINDINGS:
Mild loss of height of the L2 vertebral body, without retropulsion.
L4-5: Broad-based disc bulge with mild left foraminal narrowing.
IMPRESSION:
1. Mild L2 vertebral body height loss.
2. No spinal canal stenosis.`;

const note = `SPINE CLINIC NOTE
Visit date: 2024-03-18
HPI: 64-year-old woman with low back pain for 3 weeks after lifting a suitcase. Pain 6/10.
She denies saddle anesthesia and bowel or bladder incontinence.
PLAN: Start physical therapy. Naproxen as needed. Follow up in 4-6 weeks.`;

// One document: findings with assertion, levels and the exact source span.
const result = extractDocument(mri, { source: 'mri.txt', lexicons });
for (const f of result.findings) {
  console.log(`${f.concept} ${f.assertion} [${f.levels.join(' ')}] "${f.span.text}" @${f.span.start}`);
}

// One patient: merge the documents and apply the guideline.
const c = evaluateCase(
  [
    { source: 'mri.txt', text: mri },
    { source: 'clinic.txt', text: note },
  ],
  { caseId: 'patient-1', lexicons },
);
console.log(c.triage, '-', c.summary);
for (const r of c.recommendations) console.log(`  ${r.id}: ${r.text}`);
for (const w of c.warnings) console.log(`  warning ${w.code}: ${w.message}`);

export { c as exampleCase, result as exampleResult };
