// API docs: Swagger UI (from its webjar) over the gateway's OpenAPI document. "Try it out" calls
// the API with the session when signed in, adding the CSRF token the gateway asks of such calls.
import { currentSession } from './api.js';
import { layout } from './layout.js';

layout();
currentSession().then((session) => {
  window.SwaggerUIBundle({
    url: '/docs/openapi.yaml',
    dom_id: '#swagger-ui',
    deepLinking: true,
    requestInterceptor: (req) => {
      if (session.csrfToken && new URL(req.url, window.location.origin).origin === window.location.origin) {
        req.headers['X-CSRF-Token'] = session.csrfToken;
      }
      return req;
    },
  });
});
