// The e2e mail server: the app under test sends its e-mail here (SMTP_URL, playwright.config.ts) and tests
// read what arrived over HTTP (GET /mail → JSON list), as a person would read their inbox. Started and
// stopped by Playwright as a web server of its own; `node --import tsx e2e/support/mail-catcher.ts`.
import http from "node:http";
import { startMailCatcher } from "../../tests/support/mail";
import { E2E_MAIL_HTTP_PORT, E2E_SMTP_PORT } from "./env";

const catcher = await startMailCatcher({ port: E2E_SMTP_PORT });
const server = http.createServer((request, response) => {
  if (request.url !== "/mail") return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(catcher.received));
});
server.listen(E2E_MAIL_HTTP_PORT, "127.0.0.1");
const stop = () => void Promise.all([catcher.close(), new Promise((resolve) => server.close(resolve))]).then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
