/** The page at `/` until the web app is built (apps/web/dist): says the server runs, lists the API. */
export const PLACEHOLDER_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Strata</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 46rem; margin: 3rem auto; padding: 0 1rem; color: #222; }
  code { background: #f3f3f3; padding: 0 .25rem; border-radius: 3px; }
  td { padding: .15rem .75rem .15rem 0; vertical-align: top; }
</style>
</head>
<body>
<h1>Strata's server is running</h1>
<p>The web UI has not been built yet. The API is available:</p>
<table>
<tr><td><code>POST /api/analyses</code></td><td>upload an image archive (multipart form or raw body), or JSON <code>{ "reference": "localhost:5000/app:1" }</code>; answers <code>{ jobId }</code></td></tr>
<tr><td><code>GET /api/jobs/:id</code></td><td>a job's state</td></tr>
<tr><td><code>GET /api/jobs/:id/events</code></td><td>its progress as Server-Sent Events</td></tr>
<tr><td><code>DELETE /api/jobs/:id</code></td><td>cancel it</td></tr>
<tr><td><code>GET /api/analyses</code></td><td>recent analyses</td></tr>
<tr><td><code>GET /api/analyses/:id</code></td><td>summary (the CLI's report)</td></tr>
<tr><td><code>GET /api/analyses/:id/dive.json</code></td><td>dive-compatible export</td></tr>
<tr><td><code>GET /api/analyses/:id/model</code></td><td>compact binary model for browsing the trees</td></tr>
<tr><td><code>DELETE /api/analyses/:id</code></td><td>delete a stored analysis</td></tr>
<tr><td><code>GET /api/health</code></td><td>health</td></tr>
</table>
<p>Try: <code>curl --data-binary @image.tar -H 'content-type: application/octet-stream' http://HOST/api/analyses</code></p>
</body>
</html>
`;
