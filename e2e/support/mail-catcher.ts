// The e2e mail server: an app server under test sends its e-mail here (SMTP_URL, playwright.config.ts) and
// tests read what arrived over HTTP (GET /mail → JSON list), as a person would read their inbox. Started
// and stopped by Playwright as a web server of its own, one per app server:
// `E2E_SMTP_PORT=… E2E_MAIL_HTTP_PORT=… node --import tsx e2e/support/mail-catcher.ts`.
import http from "node:http";
import { startMailCatcher } from "../../tests/support/mail";

const smtpPort = Number(process.env.E2E_SMTP_PORT);
const httpPort = Number(process.env.E2E_MAIL_HTTP_PORT);
if (!smtpPort || !httpPort) throw new Error("set E2E_SMTP_PORT and E2E_MAIL_HTTP_PORT");

const catcher = await startMailCatcher({ port: smtpPort });
const server = http.createServer((request, response) => {
  if (request.url !== "/mail") return void response.writeHead(404).end();
  response.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(catcher.received));
});
server.listen(httpPort, "127.0.0.1");
const stop = () => void Promise.all([catcher.close(), new Promise((resolve) => server.close(resolve))]).then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
