// Publish: a .wasm module with its metadata, uploaded with progress; the API's validation errors
// appear next to the fields they concern. `?from=<agent id>` prepares a new version of that agent.
import { api, csrfHeaders, isId, readResponse } from './api.js';
import { layout, signInLink } from './layout.js';
import { byId, clearErrors, el, fill, showError } from './dom.js';

const form = byId('publish');
const progress = byId('progress');
const progressText = byId('progress-text');

function metadata() {
  const value = (name) => form.elements.namedItem(name).value;
  const price = value('price');
  return {
    name: value('name').trim(),
    version: value('version').trim(),
    description: value('description'),
    capabilities: value('capabilities').split(',').map((one) => one.trim()).filter(Boolean),
    price: price === '' ? 0 : Number(price),
  };
}

/** Sends the multipart upload with XMLHttpRequest, whose upload events give the progress. */
function upload(body, headers) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/api/v1/agents');
    xhr.setRequestHeader('Accept', 'application/json');
    Object.entries(headers).forEach(([name, value]) => xhr.setRequestHeader(name, value));
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        const percent = Math.round((event.loaded / event.total) * 100);
        progress.value = percent;
        progressText.textContent = `${percent}% of ${Math.ceil(event.total / 1024)} KiB sent`;
      }
    });
    xhr.addEventListener('load', () => readResponse(xhr.status, xhr.getResponseHeader('Content-Type'), async () => xhr.responseText).then(resolve, reject));
    xhr.addEventListener('error', () => reject(new Error('The upload failed: the server could not be reached.')));
    xhr.send(body);
  });
}

async function prefill() {
  const from = new URLSearchParams(window.location.search).get('from');
  if (!isId(from)) {
    return;
  }
  const agent = await api.get(`/agents/${from}`);
  form.elements.namedItem('name').value = agent.name;
  form.elements.namedItem('description').value = agent.description;
  form.elements.namedItem('capabilities').value = agent.capabilities.join(', ');
  form.elements.namedItem('price').value = agent.price;
  fill(byId('publish-title'), `Publish a new version of ${agent.name}`);
  form.elements.namedItem('version').setAttribute('placeholder', `newer than ${agent.version}`);
}

async function show() {
  const session = await layout();
  if (!session.signedIn) {
    const note = byId('signed-out');
    fill(note, el('p', {}, el('a', { href: signInLink(), text: 'Sign in' }), ' to publish an agent.'));
    note.classList.remove('hidden');
    return;
  }
  form.classList.remove('hidden');
  prefill().catch(() => {});
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const file = form.elements.namedItem('binary').files[0];
    if (!file) {
      showError(form, { message: 'Choose the module to publish.', errors: [{ field: 'binary', message: 'a .wasm file is required' }] });
      return;
    }
    const body = new FormData();
    body.append('metadata', new Blob([JSON.stringify(metadata())], { type: 'application/json' }));
    body.append('binary', new Blob([file], { type: 'application/wasm' }), file.name);
    const button = byId('publish-button');
    button.disabled = true;
    progress.value = 0;
    try {
      const agent = await upload(body, await csrfHeaders());
      progressText.textContent = 'Published.';
      window.location.assign(`/agents/${encodeURIComponent(agent.id)}`);
    } catch (error) {
      button.disabled = false;
      progressText.textContent = '';
      showError(form, error.status === 422 || error.status === 413 ? withField(error, 'binary') : error);
    }
  });
}

/** A problem about the module itself (not WebAssembly, too large): shown next to the file field. */
function withField(error, field) {
  return { message: error.message, errors: [{ field, message: error.problem.title || 'rejected' }] };
}

show();
