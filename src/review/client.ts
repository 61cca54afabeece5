/**
 * The review page's only script, serialised into the page with `Function.prototype.toString` (so it
 * is type-checked and linted like the rest of the code) and allowed by its hash in the page's
 * Content-Security-Policy. It must stay self-contained: no imports, no outer variables.
 * Without it the page still reads top to bottom and every fact link still jumps to its span.
 */
export function reviewClient(): void {
  const doc = document;
  doc.documentElement.classList.add('js');
  const cases = Array.from(doc.querySelectorAll<HTMLElement>('section.case'));
  const rows = new Map<string, HTMLElement>();
  for (const li of Array.from(doc.querySelectorAll<HTMLElement>('.index li[data-case]')))
    rows.set(li.dataset.case ?? '', li);
  const searchText = new Map<HTMLElement, string>();
  const status = doc.getElementById('f-status');
  const search = doc.getElementById('f-search') as HTMLInputElement | null;
  const warning = doc.getElementById('f-warning') as HTMLSelectElement | null;
  const form = doc.getElementById('filters');

  function apply(): void {
    const triages = new Set(
      Array.from(doc.querySelectorAll<HTMLInputElement>('input[name="triage"]:checked')).map((i) => i.value),
    );
    const w = warning ? warning.value : '';
    const q = search ? search.value.trim().toLowerCase() : '';
    let shown = 0;
    for (const c of cases) {
      const codes = (c.dataset.warnings ?? '').split(' ').filter(Boolean);
      let text = searchText.get(c);
      if (q && text === undefined) {
        text = (c.textContent ?? '').toLowerCase();
        searchText.set(c, text);
      }
      const visible =
        triages.has(c.dataset.triage ?? '') &&
        (w === '' ||
          (w === 'any' ? codes.length > 0 : w === 'none' ? codes.length === 0 : codes.includes(w))) &&
        (q === '' || (text ?? '').includes(q));
      c.hidden = !visible;
      const row = rows.get(c.id);
      if (row) row.hidden = !visible;
      if (visible) shown++;
    }
    if (status)
      status.textContent = `Showing ${shown} of ${cases.length} case${cases.length === 1 ? '' : 's'}`;
  }
  form?.addEventListener('input', apply);
  form?.addEventListener('change', apply);
  form?.addEventListener('submit', (e) => e.preventDefault());

  // One shared tooltip for every highlight, filled with textContent (never HTML).
  const tip = doc.getElementById('tip');
  let owner: HTMLElement | null = null;
  function show(el: HTMLElement): void {
    if (!tip) return;
    owner?.removeAttribute('aria-describedby');
    owner = el;
    tip.textContent = el.dataset.tip ?? '';
    tip.hidden = false;
    el.setAttribute('aria-describedby', 'tip');
    const r = el.getBoundingClientRect();
    const t = tip.getBoundingClientRect();
    const left = Math.max(8, Math.min(r.left, window.innerWidth - t.width - 8));
    const below = r.bottom + 8 + t.height < window.innerHeight;
    tip.style.left = `${left}px`;
    tip.style.top = `${below ? r.bottom + 8 : Math.max(8, r.top - t.height - 8)}px`;
  }
  function hide(): void {
    if (tip) tip.hidden = true;
    owner?.removeAttribute('aria-describedby');
    owner = null;
  }
  const markOf = (t: EventTarget | null): HTMLElement | null =>
    t instanceof Element ? t.closest<HTMLElement>('mark.hl[data-tip]') : null;
  doc.addEventListener('mouseover', (e) => {
    const m = markOf(e.target);
    if (m) show(m);
    else if (owner && owner !== doc.activeElement) hide();
  });
  doc.addEventListener('focusin', (e) => {
    const m = markOf(e.target);
    if (m) show(m);
    else hide();
  });
  doc.addEventListener('focusout', (e) => {
    if (markOf(e.target)) hide();
  });
  doc.addEventListener('keydown', (e) => {
    if (e.key === 'Escape') hide();
  });
  // Follow the highlight while the page scrolls (a hover can start just before a scroll); drop it once out of view.
  window.addEventListener(
    'scroll',
    () => {
      if (!owner) return;
      const r = owner.getBoundingClientRect();
      if (r.bottom < 0 || r.top > window.innerHeight) hide();
      else show(owner);
    },
    { passive: true },
  );

  // A fact link scrolls its highlight into the middle of the view, focuses it and flashes every
  // segment of that mention (an overlapped mention is drawn as several segments).
  doc.addEventListener('click', (e) => {
    const a = e.target instanceof Element ? e.target.closest<HTMLAnchorElement>('a.jump') : null;
    const id = a?.getAttribute('href')?.slice(1);
    const target = id ? doc.getElementById(id) : null;
    if (!a || !id || !target) return;
    e.preventDefault();
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    for (const el of Array.from(doc.querySelectorAll('.flash'))) el.classList.remove('flash');
    for (const el of Array.from(doc.querySelectorAll(`[data-m~="${CSS.escape(id)}"]`)))
      el.classList.add('flash');
    history.replaceState(null, '', `#${id}`);
  });
  apply();
}
