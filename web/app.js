// The tokext workbench page: four views over the server's JSON API. The view and its inputs live
// in the URL (path + query), so every view can be shared; counts come from the API (the library).
const view = document.getElementById('view');

/** An element with attributes and children (strings become text). */
function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

async function api(path, body) {
  const r = await fetch(
    path,
    body === undefined
      ? {}
      : { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
  );
  const j = await r.json();
  if (!r.ok) throw new Error(j.error ?? `${r.status}`);
  return j;
}

/** Goes to `url` (same origin) and renders its view. */
function go(url, replace = false) {
  if (replace) history.replaceState(null, '', url);
  else history.pushState(null, '', url);
  render();
}

const link = (url, text) =>
  h(
    'a',
    {
      href: url,
      onclick: (ev) => {
        ev.preventDefault();
        go(url);
      },
    },
    text,
  );
const q = (params) =>
  '?' + new URLSearchParams(Object.entries(params).filter(([, v]) => v !== undefined && v !== '')).toString();
const fmt = (n) => (n === null || n === undefined ? '—' : typeof n === 'number' ? n.toLocaleString('en-US') : n);

let catalog;
async function versionsList() {
  catalog ??= (await api('/api/versions')).versions;
  return catalog;
}

async function versionsView() {
  const vs = await versionsList();
  return [
    h('h1', {}, 'Versions'),
    h(
      'table',
      { 'data-testid': 'versions' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          ...[
            'label',
            'origin',
            'base',
            'ids',
            'new pieces',
            'padding',
            'chars/token',
            'created',
            'built from',
            'source',
          ].map((t) => h('th', {}, t)),
        ),
      ),
      h(
        'tbody',
        {},
        ...vs.map((v) =>
          h(
            'tr',
            {},
            h('td', {}, link('/version' + q({ ref: v.ref }), v.label)),
            h('td', {}, v.origin),
            h('td', {}, v.base ?? '—'),
            h('td', { class: 'num' }, fmt(v.ids)),
            h('td', { class: 'num' }, fmt(v.new_pieces)),
            h('td', { class: 'num' }, fmt(v.padding)),
            h('td', { class: 'num' }, fmt(v.chars_per_token)),
            h('td', {}, v.created ?? '—'),
            h('td', { title: v.built_from.join('\n') }, v.built_from.map((f) => f.split('/').at(-1)).join(', ') || '—'),
            h('td', {}, v.source),
          ),
        ),
      ),
    ),
  ];
}

const PAGE = 100;

async function versionView(p) {
  const ref = p.get('ref');
  const params = {
    ref,
    q: p.get('q') ?? '',
    script: p.get('script') ?? '',
    kind: p.get('kind') ?? '',
    sort: p.get('sort') ?? '',
    offset: p.get('offset') ?? '0',
    limit: PAGE,
  };
  const r = await api('/api/version' + q(params));
  const e = r.entry;
  const submit = (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    go('/version' + q({ ref, q: f.get('q'), script: f.get('script'), kind: f.get('kind'), sort: f.get('sort') }));
  };
  const select = (name, options, value) =>
    h('select', { name }, ...options.map(([v, t]) => h('option', { value: v, selected: v === value }, t)));
  const offset = Number(params.offset);
  const pager = (to, text) => link('/version' + q({ ...params, limit: undefined, offset: to }), text);
  return [
    h('h1', {}, e.label),
    h(
      'p',
      { class: 'figures' },
      `${e.origin} · base ${e.base ?? '—'} · ${fmt(e.ids)} ids · ${fmt(e.new_pieces)} new pieces · ${fmt(e.padding)} padding · chars/token ${fmt(e.chars_per_token)}`,
    ),
    h(
      'p',
      {},
      link('/compare' + q({ a: e.base ?? undefined, b: ref }), 'compare with its base'),
      ' · ',
      link('/diff' + q({ a: e.base ?? undefined, b: ref }), 'diff against its base'),
    ),
    curveSection(r),
    h('h2', {}, 'Pieces'),
    h(
      'form',
      { onsubmit: submit },
      h('label', {}, 'text contains', h('input', { name: 'q', value: params.q })),
      h(
        'label',
        {},
        'script',
        select(
          'script',
          [
            ['', 'any'],
            ['Han', 'Han'],
            ['Hiragana', 'Hiragana'],
            ['Katakana', 'Katakana'],
            ['Latin', 'Latin'],
            ['digits', 'digits'],
            ['other', 'other'],
          ],
          params.script,
        ),
      ),
      h(
        'label',
        {},
        'kind',
        select(
          'kind',
          [
            ['', e.new_pieces > 0 ? 'new' : 'any'],
            ['new-char', 'new-char'],
            ['new-merge', 'new-merge'],
            ['base', 'base'],
            ['padding', 'padding'],
          ],
          params.kind,
        ),
      ),
      h(
        'label',
        {},
        'sort',
        select(
          'sort',
          [
            ['', 'training order'],
            ['count', 'count'],
          ],
          params.sort,
        ),
      ),
      h('button', { type: 'submit' }, 'Filter'),
    ),
    h('p', { 'data-testid': 'pieces-total' }, `${fmt(r.pieces.total)} pieces`),
    h(
      'table',
      {},
      h(
        'thead',
        {},
        h('tr', {}, ...['id', 'piece', 'kind', 'script', 'count', 'base decomposition'].map((t) => h('th', {}, t))),
      ),
      h(
        'tbody',
        {},
        ...r.pieces.rows.map((x) =>
          h(
            'tr',
            {},
            h('td', { class: 'num' }, x.id),
            h('td', {}, x.piece),
            h('td', {}, x.kind),
            h('td', {}, x.script),
            h('td', { class: 'num' }, x.count === null ? '—' : x.count.toFixed(1)),
            h('td', {}, x.decomposition ? x.decomposition.join(' · ') : '—'),
          ),
        ),
      ),
    ),
    h(
      'p',
      {},
      offset > 0 ? pager(Math.max(0, offset - PAGE), '← previous') : '',
      ' ',
      offset + PAGE < r.pieces.total ? pager(offset + PAGE, 'next →') : '',
    ),
    r.readme ? [h('h2', {}, 'README'), h('pre', {}, r.readme)] : null,
    r.manifest ? [h('h2', {}, 'manifest.json'), h('pre', {}, JSON.stringify(r.manifest, null, 2))] : null,
  ];
}

/** The version's kept size curve: the server's chart and, per corpus, when and how it was measured. */
function curveSection(r) {
  if (!r.curve) {
    if (r.entry.origin !== 'store' || r.entry.new_pieces === 0) return null;
    return [
      h('h2', {}, 'Size curve'),
      h('p', { 'data-testid': 'no-curve' }, `None kept yet: tokext curve ${r.entry.label} --corpus FILE measures one.`),
    ];
  }
  const figure = h('figure', { 'data-testid': 'curve' });
  figure.innerHTML = r.curve.svg; // drawn by the library (curveChart), its text escaped there
  return [
    h('h2', {}, 'Size curve'),
    figure,
    h(
      'ul',
      {},
      ...r.curve.curves.map((c) =>
        h(
          'li',
          { 'data-testid': 'curve-corpus' },
          `${c.corpus}: ${c.points.length} sizes, knee at ${fmt(c.knee.size)} ids (${fmt(c.knee.added)} added); hidden size ${fmt(c.hiddenSize)}${c.tied ? ', tied' : ''}; measured ${c.measuredAt}`,
        ),
      ),
    ),
  ];
}

function sidePanel(s, key) {
  return h(
    'div',
    { class: 'side' },
    h('h2', {}, `${key.toUpperCase()}: ${s.label}`),
    h(
      'p',
      { class: 'figures' },
      h('span', { 'data-testid': `count-${key}` }, String(s.tokens)),
      ` tokens · ${s.chars} chars · ${s.chars_per_token} chars/token`,
    ),
    h(
      'div',
      { class: 'tokens', 'data-testid': `tokens-${key}` },
      ...s.spans.map((t) =>
        h(
          'span',
          {
            class: ['tok', t.kind.startsWith('new') ? 'new' : '', t.mark ?? ''].join(' ').trim(),
            title: `${t.id} · ${t.piece}${t.mark ? ` (${t.mark})` : ''}`,
          },
          t.text === '' ? (t.mark === 'byte' ? t.piece : '∅') : t.text,
        ),
      ),
    ),
  );
}

function picker(name, label, value, vs) {
  return h(
    'label',
    {},
    label,
    h(
      'select',
      { name, 'data-testid': `pick-${name}` },
      ...vs.map((v) =>
        h('option', { value: v.ref, selected: v.ref === value }, v.label === v.ref ? v.ref : `${v.label} (${v.ref})`),
      ),
    ),
  );
}

/** The A and B a view's URL names, else the first two versions listed. */
function picked(p, vs) {
  const a = p.get('a') ?? vs[0]?.ref;
  return { a, b: p.get('b') ?? vs[1]?.ref ?? a };
}

async function compareView(p) {
  const vs = await versionsList();
  const { a, b } = picked(p, vs);
  const text = p.get('text') ?? '';
  const submit = (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    go('/compare' + q({ a: f.get('a'), b: f.get('b'), text: f.get('text') }));
  };
  const { lines } = await api('/api/lines');
  const fill = (ev) => {
    const pick = lines[Number(ev.target.value)];
    if (pick) document.querySelector('[data-testid=text]').value = pick.text;
  };
  const out = [
    h('h1', {}, 'Compare'),
    h(
      'form',
      { onsubmit: submit },
      picker('a', 'A', a, vs),
      picker('b', 'B', b, vs),
      lines.length > 0
        ? h(
            'label',
            { style: 'flex-basis:100%' },
            'a line of the corpora given to serve',
            h(
              'select',
              { 'data-testid': 'pick-line', onchange: fill },
              h('option', { value: '' }, '—'),
              ...lines.map((l, k) =>
                h('option', { value: k }, `${l.source.split('/').at(-1)}:${l.line}  ${l.text.slice(0, 80)}`),
              ),
            ),
          )
        : null,
      h('label', { style: 'flex-basis:100%' }, 'text', h('textarea', { name: 'text', 'data-testid': 'text' }, text)),
      h('button', { type: 'submit', 'data-testid': 'compare' }, 'Compare'),
    ),
  ];
  if (text !== '') {
    const r = await api('/api/compare', { a, b, text });
    out.push(
      h(
        'p',
        { 'data-testid': 'difference' },
        r.difference === 0
          ? 'A and B use the same number of tokens'
          : `B uses ${Math.abs(r.difference)} tokens ${r.difference < 0 ? 'fewer' : 'more'} than A`,
      ),
      h('div', { class: 'sides' }, sidePanel(r.a, 'a'), sidePanel(r.b, 'b')),
    );
  }
  return out;
}

const SECTIONS = ['added', 'added_padding', 'removed', 'replaced', 'renumbered', 'changed'];

async function diffView(p) {
  const vs = await versionsList();
  const { a, b } = picked(p, vs);
  const offset = Number(p.get('offset') ?? 0);
  const submit = (ev) => {
    ev.preventDefault();
    const f = new FormData(ev.target);
    go('/diff' + q({ a: f.get('a'), b: f.get('b') }));
  };
  const d = await api('/api/diff' + q({ a, b, offset, limit: PAGE }));
  const more = SECTIONS.some((k) => offset + PAGE < d.totals[k]);
  return [
    h('h1', {}, 'Diff'),
    h(
      'form',
      { onsubmit: submit },
      picker('a', 'A', a, vs),
      picker('b', 'B', b, vs),
      h('button', { type: 'submit' }, 'Diff'),
    ),
    h(
      'p',
      {},
      `A: ${d.a.label}, ${fmt(d.a.size)} ids (+${d.a.padding} padding) · B: ${d.b.label}, ${fmt(d.b.size)} ids (+${d.b.padding} padding)${d.same ? ' · the same vocabulary' : ''}`,
    ),
    h(
      'table',
      { 'data-testid': 'diff-counts' },
      h(
        'tbody',
        {},
        ...SECTIONS.map((k) =>
          h(
            'tr',
            {},
            h('th', {}, k.replace('_', ' ')),
            h('td', { class: 'num', 'data-testid': `diff-${k}` }, fmt(d.totals[k])),
          ),
        ),
        h(
          'tr',
          {},
          h('th', {}, 'special tokens'),
          h('td', { class: 'num' }, `+${d.special.added.length} −${d.special.removed.length}`),
        ),
        h(
          'tr',
          {},
          h('th', {}, 'merges'),
          h(
            'td',
            { class: 'num' },
            d.merges
              ? `${fmt(d.merges.kept)} kept, ${fmt(d.merges.reordered)} reordered, ${fmt(d.merges.removed)} removed, ${fmt(d.merges.added)} added`
              : '—',
          ),
        ),
      ),
    ),
    ...SECTIONS.filter((k) => d[k].length > 0).map((k) => [
      h('h2', {}, `${k.replace('_', ' ')} (${fmt(offset + 1)}–${fmt(offset + d[k].length)} of ${fmt(d.totals[k])})`),
      h('pre', {}, d[k].map((x) => JSON.stringify(x)).join('\n')),
    ]),
    h(
      'p',
      {},
      offset > 0 ? link('/diff' + q({ a, b, offset: Math.max(0, offset - PAGE) }), '← previous') : '',
      ' ',
      more ? link('/diff' + q({ a, b, offset: offset + PAGE }), 'next →') : '',
    ),
  ];
}

const VIEWS = {
  '/': versionsView,
  '/versions': versionsView,
  '/version': versionView,
  '/compare': compareView,
  '/diff': diffView,
};

let rendering = 0;
async function render() {
  const n = ++rendering;
  const url = new URL(location.href);
  const fn = VIEWS[url.pathname] ?? versionsView;
  view.setAttribute('aria-busy', 'true');
  try {
    const nodes = [await fn(url.searchParams)].flat(3).filter(Boolean);
    if (n === rendering) view.replaceChildren(...nodes);
  } catch (e) {
    if (n === rendering) view.replaceChildren(h('p', { class: 'error', role: 'alert' }, e.message));
  } finally {
    if (n === rendering) view.removeAttribute('aria-busy');
  }
}

for (const a of document.querySelectorAll('a[data-nav]'))
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    go(a.getAttribute('href'));
  });
addEventListener('popstate', render);
render();
