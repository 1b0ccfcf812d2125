// Building pages without HTML strings: every text, whoever wrote it, becomes a text node, so names,
// descriptions, outputs and errors always show as text and never as markup.

/** An element with attributes (`class`, `text`, `on<event>`, others as attributes) and children. */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key.startsWith('on')) {
      node.addEventListener(key.slice(2), value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat()) {
    if (child !== undefined && child !== null && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  append(node, children);
  return node;
}

export function byId(id) {
  return document.getElementById(id);
}

/** A `<dl class="facts">` from [term, value] pairs. */
export function facts(pairs) {
  return el('dl', { class: 'facts' }, pairs.map(([term, value]) => el('div', {}, el('dt', { text: term }), el('dd', {}, value))));
}

export function formatTime(iso) {
  if (!iso) {
    return '—';
  }
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso) : date.toLocaleString();
}

export function formatDuration(ms) {
  if (ms === null || ms === undefined) {
    return '—';
  }
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

export function formatPrice(price) {
  const value = Number(price || 0);
  return value === 0 ? 'Free' : value.toFixed(2);
}

export function formatRating(rating, count) {
  if (!count) {
    return 'No ratings yet';
  }
  return `${Number(rating).toFixed(2)} of 5 (${count} ${count === 1 ? 'rating' : 'ratings'})`;
}

export function formatRate(rate) {
  return rate === null || rate === undefined ? '—' : `${Math.round(rate * 1000) / 10}%`;
}

/** Who owns an agent: its owner's name when the API gives it, else a short form of the id. */
export function ownerLabel(agent) {
  return agent.ownerName || `user ${String(agent.ownerId || '').slice(0, 8)}`;
}

/** A task status as text with a shape before it (readable without colour). */
export function statusBadge(status) {
  return el('span', { class: 'status', 'data-status': status, text: status });
}

/** Clears the errors a form shows. */
export function clearErrors(form) {
  form.querySelectorAll('.field-error, .problem').forEach((node) => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach((node) => {
    node.removeAttribute('aria-invalid');
    node.removeAttribute('aria-describedby');
  });
}

/**
 * Shows an API error in a form: each `errors[]` entry next to the control whose `data-field`
 * (or name) is its field (`args[2]` belongs to `args`, `env.HOME` to `env`), the rest above.
 */
export function showError(form, error) {
  clearErrors(form);
  const general = [];
  const errors = error.errors || [];
  for (const { field, message } of errors) {
    const base = String(field || '').split(/[.[]/)[0];
    const control = form.querySelector(`[data-field="${CSS.escape(base)}"]`) || (base && form.elements.namedItem(base));
    if (control && control.id) {
      const note = el('p', { class: 'field-error', id: `${control.id}-error`, text: `${field}: ${message}` });
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', note.id);
      (control.closest('.field') || control.parentElement).append(note);
    } else {
      general.push(`${field}: ${message}`);
    }
  }
  const summary = el('div', { class: 'problem', role: 'alert', tabindex: '-1' }, error.message || 'The request failed.', general.length ? el('ul', {}, general.map((line) => el('li', { text: line }))) : null);
  form.prepend(summary);
  const first = form.querySelector('[aria-invalid="true"]');
  (first || summary).focus?.();
}
