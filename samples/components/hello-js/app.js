// A wasi:http proxy in JavaScript (componentize-js / StarlingMonkey),
// written as a service-worker style fetch handler.
//
//   GET  /anything  -> 200 "hello from JavaScript: GET /anything"
//   ANY  /echo      -> 200, the request body streamed back
//   GET  /headers   -> 200, the request headers as a JSON object
//   ANY  /trap      -> throws, so the handler never sets a response
//   ANY  /fetch?url=URL -> fetch(URL) with the request's method, headers and
//                      body; the upstream's status, headers and body come back
//                      (502 with the error's message if the fetch fails, e.g.
//                      because the host's outbound policy denies URL)
// Every request logs one line with console.log.

async function handle(request) {
  const url = new URL(request.url);
  const pathWithQuery = url.pathname + url.search;
  console.log(`handled ${request.method} ${pathWithQuery}`);

  switch (url.pathname) {
    case '/fetch':
      return forward(request, url.searchParams.get('url'));
    case '/trap':
      throw new Error(`trap requested by ${request.method} ${pathWithQuery}`);
    case '/echo':
      return new Response(request.body, {
        status: 200,
        headers: {
          'content-type': request.headers.get('content-type') ?? 'application/octet-stream',
          'x-wasm-lang': 'js',
        },
      });
    case '/headers': {
      const headers = {};
      for (const [name, value] of request.headers) headers[name] = value;
      return new Response(JSON.stringify(headers), {
        status: 200,
        headers: { 'content-type': 'application/json', 'x-wasm-lang': 'js' },
      });
    }
    default:
      return new Response(`hello from JavaScript: ${request.method} ${pathWithQuery}`, {
        status: 200,
        headers: { 'content-type': 'text/plain', 'x-wasm-lang': 'js' },
      });
  }
}

async function forward(request, target) {
  if (!target) {
    return new Response('missing ?url=', { status: 400, headers: { 'x-wasm-lang': 'js' } });
  }
  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers: request.headers,
      body: hasBody ? request.body : undefined,
    });
  } catch (e) {
    console.log(`fetch ${target} failed: ${e}`);
    return new Response(`fetch ${target} failed: ${e.message ?? e}`, {
      status: 502,
      headers: { 'content-type': 'text/plain', 'x-wasm-lang': 'js' },
    });
  }
  const headers = new Headers(upstream.headers);
  headers.set('x-wasm-lang', 'js');
  return new Response(upstream.body, { status: upstream.status, headers });
}

addEventListener('fetch', (event) => event.respondWith(handle(event.request)));
