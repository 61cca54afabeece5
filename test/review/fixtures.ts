/**
 * Hand-written cases for the review page tests: an urgent clinic note, an imaging-only MRI whose text
 * carries an HTML injection, and a cervical myelopathy case with mJOA scores on two dates.
 */
import type { CaseDocument } from '../../src/case/merge.js';
import { extractor, textDocument } from '../helpers/extractor.js';

/** What an attacker (or a careless template) could put into a report: it must show as text. */
export const INJECTION =
  'Note pasted from portal: <script>window.__pwned = 1</script> <img src="x" onerror="window.__pwned = 2"> & "quotes"';

export const FILES: Record<string, string> = {
  'pt-urgent/01-ed-note.txt': `EMERGENCY DEPARTMENT NOTE
Date of service: 03/02/2025

HPI: 52-year-old woman with 3 weeks of low back pain. Since this morning she reports numbness in the groin and inner thighs and new urinary retention.

EXAM: Decreased perianal sensation. Left great toe extension 4/5.

ASSESSMENT: Concern for cauda equina syndrome.

PLAN: Stat MRI lumbar spine. Spine surgery consulted.
`,
  'pt-imaging/01-mri-lumbar.txt': `MRI LUMBAR SPINE WITHOUT CONTRAST
Exam date: 01/15/2025

CLINICAL HISTORY: Low back pain.

FINDINGS:
L3-4: Mild disc bulge without stenosis.
L4-5: Moderate disc bulge and facet arthropathy with moderate central canal stenosis.
No evidence of fracture. Marrow signal is normal.

IMPRESSION:
1. Multilevel lumbar spondylosis, worst at L4-5 with moderate central canal stenosis.
2. No evidence of fracture.

${INJECTION}
`,
  'pt-myelopathy/01-clinic-spine.txt': `SPINE CLINIC NOTE
Date of visit: 02/03/2025

HPI: 66-year-old man with 4 months of hand numbness and trouble with buttons. mJOA 14/18. Neck pain 5/10.

EXAM: Positive Hoffmann sign bilaterally. Hyperreflexia in the upper extremities.

PLAN: MRI cervical spine. Follow up after imaging.
`,
  'pt-myelopathy/02-clinic-followup.txt': `SPINE CLINIC FOLLOW-UP
Date of visit: 04/28/2025

HPI: Hand clumsiness is worse and he now has gait instability. mJOA 11/18. Neck pain 6/10.
MRI showed C5-6 cord compression with T2 cord signal change.

ASSESSMENT: Progressive cervical myelopathy.

PLAN: Discuss decompression surgery.
`,
};

/** The fixtures as case documents (sources are the relative paths above: grouping by dir gives 3 cases). */
export function fixtureDocuments(root = 'fixtures'): CaseDocument[] {
  return Object.entries(FILES).map(([name, text]) => {
    const doc = textDocument(text, `${root}/${name}`);
    return { result: extractor().extract(doc), text: doc.text };
  });
}
