// What every page shares: the current link in the navigation and who is signed in.
import { currentSession } from './api.js';
import { byId, el, fill } from './dom.js';

/** Marks the navigation and shows the session; resolves with the session. */
export async function layout() {
  const here = window.location.pathname;
  document.querySelectorAll('header.site nav a').forEach((link) => {
    const target = link.getAttribute('href');
    if (target === here || (target !== '/' && here.startsWith(`${target}/`))) {
      link.setAttribute('aria-current', 'page');
    }
  });
  const session = await currentSession();
  const who = byId('who');
  if (who) {
    fill(who, session.signedIn ? `Signed in as ${session.username}` : el('a', { href: signInLink(), text: 'Sign in' }));
  }
  return session;
}

/** The account page, coming back here after signing in. */
export function signInLink() {
  const back = window.location.pathname + window.location.search;
  return `/account?next=${encodeURIComponent(back)}`;
}
