import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buildOpenApiDocument, OPENAPI_PATH } from "@/core/api/openapi";
import { buildReference } from "@/core/api/reference";
import { TableFrame } from "@/components/ui/data-table";
import { PageHeader } from "@/components/ui/page-header";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiDocs"))("title") };
}

/**
 * The API reference, drawn on the server from the OpenAPI document the API serves (no client script).
 * Public, like the document itself: a system's developers read it before they hold a token.
 */
export default async function ApiDocsPage() {
  const t = await getTranslations("apiDocs");
  const { operations, common, schemas } = buildReference(buildOpenApiDocument());
  return (
    <div className="page">
      <PageHeader title={t("title")} intro={t("intro")} />
      <section className="section" aria-labelledby="api-start">
        <h2 id="api-start">{t("startHeading")}</h2>
        <ol>
          <li>{t("stepToken")}</li>
          <li>
            {t("stepHeader")} <code>Authorization: Bearer lmn_…</code>
          </li>
          <li>
            {t.rich("stepDocument", { link: (chunks) => <Link href={OPENAPI_PATH}>{chunks}</Link>, path: OPENAPI_PATH })}
          </li>
        </ol>
        <p>{t("scopeRule")}</p>
        <p>{t("languageNote")}</p>
        <TableFrame caption={t("commonResponses")} head={[{ label: t("status") }, { label: t("description") }, { label: t("schema") }]}>
          {common.map((r) => (
            <tr key={r.status}>
              <th scope="row">{r.status}</th>
              <td>{r.description}</td>
              <td>{r.schema ? <a href={`#schema-${r.schema}`}>{r.schema}</a> : ""}</td>
            </tr>
          ))}
        </TableFrame>
      </section>
      {operations.map((op) => (
        <section key={op.id} id={op.id} className="api-ref-op" aria-labelledby={`${op.id}-h`}>
          <h3 id={`${op.id}-h`}>
            <span className="api-ref-method">{op.method}</span> <code>{op.path}</code>
          </h3>
          <p>{op.description}</p>
          {op.parameters.length > 0 && (
            <TableFrame caption={t("parameters")} head={[{ label: t("name") }, { label: t("type") }, { label: t("description") }]}>
                  {op.parameters.map((p) => (
                    <tr key={p.name}>
                      <th scope="row">
                        <code>{p.name}</code>
                        {p.required ? ` (${t("required")})` : ""}
                      </th>
                      <td>
                        <code>{p.type}</code>
                      </td>
                      <td>{p.description ?? ""}</td>
                    </tr>
                  ))}
            </TableFrame>
          )}
          {op.body && (
            <p>
              {t("body")}: <a href={`#schema-${op.body}`}>{op.body}</a>
            </p>
          )}
          <TableFrame caption={t("responses")} head={[{ label: t("status") }, { label: t("description") }, { label: t("schema") }]}>
                {op.responses.map((r) => (
                  <tr key={r.status}>
                    <th scope="row">{r.status}</th>
                    <td>{r.description}</td>
                    <td>{r.schema ? <a href={`#schema-${r.schema}`}>{r.schema}</a> : ""}</td>
                  </tr>
                ))}
          </TableFrame>
        </section>
      ))}
      <section className="section" aria-labelledby="api-schemas">
        <h2 id="api-schemas">{t("schemasHeading")}</h2>
        <TableFrame caption={t("schemasHeading")} captionClassName="visually-hidden" head={[{ label: t("field") }, { label: t("type") }, { label: t("description") }]}>
          {schemas.flatMap((s) => [
            <tr key={s.name} id={`schema-${s.name}`}>
              <th scope="colgroup" colSpan={3}>
                <code>{s.name}</code>
                {s.description ? ` — ${s.description}` : ""}
              </th>
            </tr>,
            ...s.fields.map((f) => (
              <tr key={`${s.name}.${f.name}`}>
                <th scope="row">
                  <code>{f.name}</code>
                  {f.required ? "" : ` (${t("optional")})`}
                </th>
                <td>
                  <code>{f.type}</code>
                </td>
                <td>{f.description ?? ""}</td>
              </tr>
            )),
          ])}
        </TableFrame>
      </section>
    </div>
  );
}
