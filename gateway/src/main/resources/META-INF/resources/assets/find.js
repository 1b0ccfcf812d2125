// Find: the marketplace search. The form's GET puts the query in the address, so every result page
// can be linked to; next pages follow the API's cursors.
import { api } from './api.js';
import { layout } from './layout.js';
import { byId, el, facts, fill, formatPrice, formatRate, formatRating, ownerLabel, showError } from './dom.js';

const EXCERPT = 240;
const params = new URLSearchParams(window.location.search);

function restoreForm(form) {
  for (const name of ['q', 'maxPrice', 'minRating', 'sort']) {
    if (params.has(name)) {
      form.elements.namedItem(name).value = params.get(name);
    }
  }
  form.elements.namedItem('capability').value = params.getAll('capability').join(', ');
}

function capabilities() {
  return params
    .getAll('capability')
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);
}

/** The search endpoint when words, a price or a rating filter; else the sorted list. */
function query() {
  const q = (params.get('q') || '').trim();
  const maxPrice = params.get('maxPrice') || '';
  const minRating = params.get('minRating') || '';
  const common = { capability: capabilities(), cursor: params.get('cursor') || '', limit: 20 };
  if (q || maxPrice || minRating) {
    return ['/agents/search', { ...common, q, maxPrice, minRating }];
  }
  return ['/agents', { ...common, status: 'active', sort: params.get('sort') || 'createdAt' }];
}

function excerpt(text) {
  const flat = String(text || '').replace(/\s+/g, ' ').trim();
  return flat.length > EXCERPT ? `${flat.slice(0, EXCERPT - 1)}…` : flat;
}

function card(agent) {
  const success = el('dd', { text: '…' });
  const item = el(
    'li',
    { class: 'card' },
    el('h2', {}, el('a', { href: `/agents/${encodeURIComponent(agent.id)}`, text: agent.name }), ' ', el('span', { class: 'version', text: `v${agent.version}` })),
    el('p', { class: 'muted', text: `by ${ownerLabel(agent)}` }),
    el('p', { text: excerpt(agent.description) }),
    facts([
      ['Rating', formatRating(agent.rating, agent.ratingCount)],
      ['Runs', String(agent.tasksCompleted)],
      ['Success rate', success],
      ['Price', formatPrice(agent.price)],
    ]),
  );
  // The success rate lives with the run statistics; each card asks for its own.
  api
    .get(`/agents/${encodeURIComponent(agent.id)}/stats`)
    .then((stats) => fill(success, formatRate(stats.successRate)))
    .catch(() => fill(success, '—'));
  return item;
}

async function search() {
  const form = byId('search');
  restoreForm(form);
  const [path, query_] = query();
  byId('sort').disabled = path === '/agents/search';
  try {
    const page = await api.get(path, query_);
    fill(byId('results'), page.items.map(card));
    fill(byId('summary'), page.items.length ? `${page.items.length} agents on this page.` : 'No agent matches.');
    const pager = byId('pager');
    fill(pager);
    if (params.get('cursor')) {
      const first = new URLSearchParams(params);
      first.delete('cursor');
      pager.append(el('a', { href: `/?${first}`, text: '← First page' }));
    }
    if (page.nextCursor) {
      const next = new URLSearchParams(params);
      next.set('cursor', page.nextCursor);
      pager.append(el('a', { href: `/?${next}`, rel: 'next', text: 'Next page →' }));
    }
  } catch (error) {
    fill(byId('results'));
    fill(byId('summary'));
    showError(form, error);
  }
}

layout();
search();
