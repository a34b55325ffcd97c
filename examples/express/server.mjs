// A refund decision endpoint for a Node shop: POST /refunds/decision with a
// `refund.evaluate` request as JSON answers the decision (amounts, timing, reasons in the
// customer's language, receipt); a request Recourse refuses answers 422 with its stable
// code and path. One engine serves every request: build it once, at start.
//   npm install && node server.mjs 8080
import express from 'express';
import { fileURLToPath } from 'node:url';
import { Engine, RecourseError } from 'recourse-payments';

export function refundApp(engine = new Engine()) {
  const app = express();
  app.use(express.json({ limit: '256kb' }));
  app.post('/refunds/decision', (req, res, next) => {
    try {
      res.json(engine.call('refund.evaluate', req.body));
    } catch (e) {
      if (!(e instanceof RecourseError)) return next(e);
      res.status(422).json({ error: { code: e.code, path: e.path, message: e.message } });
    }
  });
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 8080);
  refundApp().listen(port, '127.0.0.1', () => console.log(`http://127.0.0.1:${port}/refunds/decision`));
}
