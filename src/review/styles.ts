/**
 * The page's stylesheet: system fonts only (nothing is fetched), colours chosen for at least 4.5:1
 * text contrast, each assertion told apart by border style as well as colour, and a print layout
 * (one case per page, highlights kept, controls dropped).
 */
export const STYLES = `
:root{--ink:#111827;--muted:#4b5563;--line:#d1d5db;--bg:#ffffff;--panel:#f8fafc;--link:#1d4ed8;--focus:#1d4ed8;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;color:var(--ink);background:var(--bg);line-height:1.45}
*{box-sizing:border-box}
body{margin:0}
a{color:var(--link)}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,.hl:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem;z-index:20}
.skip:focus{left:.5rem}
.layout{display:block}
.side{padding:1rem;background:var(--panel);border-bottom:1px solid var(--line)}
main{padding:1rem;min-width:0}
@media (min-width:1100px){.layout{display:grid;grid-template-columns:330px minmax(0,1fr)}
.side{position:sticky;top:0;height:100vh;overflow:auto;border-bottom:0;border-right:1px solid var(--line)}
main{padding:1.25rem 2rem}}
h1{font-size:1.35rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:.25rem 0}
h3{font-size:1.02rem;margin:1.1rem 0 .4rem;border-bottom:1px solid var(--line);padding-bottom:.15rem}
h4{font-size:.98rem;margin:0 0 .2rem;overflow-wrap:anywhere}
.muted{color:var(--muted)}
.small{font-size:.82rem}
code{font-size:.8rem;color:var(--muted);overflow-wrap:anywhere}
.badge{display:inline-block;border-radius:.3rem;padding:.05rem .45rem;color:#fff;font-size:.8rem;font-weight:600;white-space:nowrap;vertical-align:.1em}
.badge.t-urgent{background:#991b1b}.badge.t-surgical-review{background:#9a3412}.badge.t-second-line{background:#854d0e}
.badge.t-conservative{background:#166534}.badge.t-insufficient-data{background:#4b5563}
.counts{display:flex;flex-wrap:wrap;gap:.3rem;margin:.5rem 0;padding:0;list-style:none}
.controls{display:none;margin:.75rem 0}
.js .controls{display:block}
.controls fieldset{border:1px solid var(--line);border-radius:.4rem;margin:0 0 .6rem;padding:.4rem .6rem}
.controls legend{font-weight:600;font-size:.9rem}
.controls label{display:block;font-size:.9rem;margin:.15rem 0}
.controls .field{margin:0 0 .6rem}
.controls .field label{font-weight:600}
.controls select,.controls input[type=search]{width:100%;font:inherit;padding:.35rem;border:1px solid #6b7280;border-radius:.3rem;background:#fff;color:var(--ink)}
#f-status{font-size:.9rem;margin:.3rem 0}
.index{list-style:none;margin:0;padding:0}
.index li{padding:.3rem 0;border-bottom:1px solid var(--line)}
.index a{text-decoration:none;color:var(--ink);font-weight:600;overflow-wrap:anywhere}
.index a:hover .cid{text-decoration:underline}
.index .muted{display:block;font-size:.8rem;font-weight:400}
.case{border-left:6px solid var(--line);padding:.25rem 0 1rem 1rem;margin:0 0 2.5rem;scroll-margin-top:1rem}
.case.t-urgent{border-color:#991b1b}.case.t-surgical-review{border-color:#9a3412}.case.t-second-line{border-color:#854d0e}
.case.t-conservative{border-color:#166534}.case.t-insufficient-data{border-color:#9ca3af}
.case h2{overflow-wrap:anywhere}
.summary{font-size:1.05rem;font-weight:600;margin:.3rem 0}
.imaging-only{border:3px solid #c2410c;background:#fff7ed;border-radius:.5rem;padding:.6rem .9rem;margin:.75rem 0}
.imaging-only .big{font-size:1.1rem;font-weight:700;color:#7c2d12;margin:0 0 .3rem}
.caution{border-left:4px solid #c2410c;background:#fffbeb;padding:.4rem .7rem;margin:.4rem 0}
.cols{display:grid;gap:0 2rem}
@media (min-width:900px){.cols{grid-template-columns:1fr 1fr}}
.why,.recs,.warnings{margin:0;padding-left:1.1rem}
.why>li,.recs>li,.warnings>li{margin:.25rem 0 .5rem}
.recs p,.warnings p{margin:.1rem 0}
.reasons{margin:.15rem 0;padding-left:1.1rem;font-size:.9rem}
.guideline{font-size:.82rem;color:var(--muted);margin:.15rem 0}
.warning strong{color:#7c2d12}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.88rem;margin:.3rem 0 .6rem}
th,td{text-align:left;vertical-align:top;border-bottom:1px solid var(--line);padding:.3rem .45rem}
thead th{background:var(--panel);font-size:.8rem}
.facts{min-width:640px}
.mentions{margin:0;padding:0;list-style:none}
.mentions li{margin:0 0 .15rem}
.ab{display:inline-block;padding:0 .35rem;border-radius:.25rem;font-size:.8rem;color:var(--ink)}
.flag{font-size:.75rem;font-weight:700;color:#991b1b}
.course{display:flex;flex-wrap:wrap;gap:.3rem 1.5rem;margin:.3rem 0;font-size:.88rem}
.course dt{font-weight:600;display:inline}.course dd{display:inline;margin:0 0 0 .3rem}
.timeline{width:100%;min-width:560px;max-width:900px;height:auto;display:block}
.tl-lane{font-size:12px;fill:#374151;font-weight:600}
.tl-val{font-size:11px;font-weight:700}
.tl-date{font-size:11px;fill:#374151}
.tl-rule{stroke:#e5e7eb;stroke-width:1}
.tl-axis{stroke:#6b7280;stroke-width:1}
.timeline a:focus-visible{outline:3px solid var(--focus)}
.legend{display:flex;flex-wrap:wrap;gap:.2rem 1rem;list-style:none;padding:0;margin:.3rem 0 .6rem;font-size:.82rem}
.doc{border:1px solid var(--line);border-radius:.4rem;padding:.6rem .8rem;margin:.6rem 0;background:#fff}
.doc .meta{font-weight:400;color:var(--muted);font-size:.85rem}
.src{font-size:.78rem;color:var(--muted);margin:0 0 .4rem;overflow-wrap:anywhere}
.errors{color:#991b1b}
.doc-text{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;
font-size:.86rem;line-height:1.75;margin:0}
.hl{color:var(--ink);padding:.05rem 0;border-bottom:3px solid transparent;border-radius:2px;cursor:help}
.hl.a-present{background:#fecaca;border-bottom:3px solid #b91c1c}
.hl.a-absent{background:#e5e7eb;border-bottom:3px dashed #374151}
.hl.a-possible{background:#fef08a;border-bottom:3px dotted #854d0e}
.hl.a-historical{background:#bfdbfe;border-bottom:3px double #1e3a8a}
.hl.a-hypothetical{background:#e9d5ff;border-bottom:3px dashed #6b21a8}
.hl.a-family{background:#99f6e4;border-bottom:3px dotted #115e59}
.hl.a-measure{background:#fff;box-shadow:inset 0 0 0 1.5px #374151;border-bottom:0}
.ab.a-present{background:#fecaca}.ab.a-absent{background:#e5e7eb}.ab.a-possible{background:#fef08a}
.ab.a-historical{background:#bfdbfe}.ab.a-hypothetical{background:#e9d5ff}.ab.a-family{background:#99f6e4}
.hl.ov{background-image:repeating-linear-gradient(135deg,transparent 0 5px,rgba(17,24,39,.14) 5px 7px)}
.cue,.hl.has-cue{text-decoration:underline dotted 2px;text-underline-offset:4px;font-weight:600}
.hl.flash{outline:3px solid #f59e0b;outline-offset:2px}
.top{font-size:.85rem}
#tip{position:fixed;z-index:30;max-width:min(360px,calc(100vw - 16px));background:#111827;color:#fff;font-size:.82rem;line-height:1.4;
padding:.45rem .6rem;border-radius:.35rem;white-space:pre-line;pointer-events:none;box-shadow:0 4px 14px rgba(0,0,0,.25)}
#tip[hidden]{display:none}
[hidden]{display:none!important}
@media (prefers-reduced-motion:no-preference){html{scroll-behavior:smooth}}
@media print{
.skip,.controls,#tip,.top,#f-status,details.key{display:none!important}
.layout{display:block}.side{position:static;height:auto;background:none;border:0}
main{padding:0}
.case{break-before:page;border-left-width:4px}
a{color:inherit;text-decoration:none}
.hl,.badge,.ab,.imaging-only,.caution{-webkit-print-color-adjust:exact;print-color-adjust:exact}
.scroll{overflow:visible}.facts,.timeline{min-width:0}
.doc{break-inside:auto}
body{font-size:10.5pt}
}
`;
