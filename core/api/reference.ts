// A readable summary of the OpenAPI document for the reference page (/api-docs): each operation with its
// parameters and answers, each schema with its fields. Pure: reads the document, no framework.

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
};

export interface ReferenceField {
  name: string;
  type: string;
  required: boolean;
  description: string | null;
}

export interface ReferenceOperation {
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: (ReferenceField & { in: string })[];
  body: string | null;
  responses: { status: string; description: string; schema: string | null }[];
}

export interface ReferenceSchema {
  name: string;
  description: string | null;
  fields: ReferenceField[];
}

const refName = (ref: string) => ref.split("/").pop() ?? ref;

/** A schema's type in a few words: "string (date-time)", "integer 1–500", "Figure[]", "a | b", "… or null". */
export function describeType(schema: JsonSchema | undefined): string {
  if (!schema) return "any";
  if (schema.$ref) return refName(schema.$ref);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) {
    const parts = variants.map(describeType);
    const nonNull = parts.filter((p) => p !== "null");
    return nonNull.length < parts.length ? `${nonNull.join(" | ")} | null` : parts.join(" | ");
  }
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  const nullable = types.includes("null");
  const base = types.filter((t) => t !== "null")[0] ?? "object";
  let text: string;
  if (base === "array") text = `${describeType(schema.items)}[]`;
  else if (base === "object" && schema.properties) text = `{ ${Object.keys(schema.properties).join(", ")} }`;
  else {
    text = base;
    if (schema.format) text += ` (${schema.format})`;
    if (schema.minimum !== undefined || schema.maximum !== undefined) text += ` ${schema.minimum ?? "…"}–${schema.maximum ?? "…"}`;
  }
  return nullable ? `${text} | null` : text;
}

function fieldsOf(schema: JsonSchema): ReferenceField[] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).map(([name, s]) => ({ name, type: describeType(s), required: required.has(name), description: s.description ?? null }));
}

type OpenApiLike = {
  paths?: Record<string, Record<string, { summary?: string; description?: string; parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: JsonSchema }[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> }; responses?: Record<string, { description?: string; content?: Record<string, { schema?: JsonSchema }> }> }>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

export interface Reference {
  operations: ReferenceOperation[];
  /** Answers every operation gives alike (the refusals of a token), listed once instead of under each. */
  common: ReferenceOperation["responses"];
  schemas: ReferenceSchema[];
}

export function buildReference(document: unknown): Reference {
  const doc = document as OpenApiLike;
  const operations: ReferenceOperation[] = [];
  for (const [path, methods] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(methods)) {
      const jsonBody = op.requestBody?.content?.["application/json"]?.schema;
      operations.push({
        id: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, ""),
        method: method.toUpperCase(),
        path,
        summary: op.summary ?? "",
        description: op.description ?? "",
        parameters: (op.parameters ?? []).map((p) => ({ name: p.name, in: p.in, type: describeType(p.schema), required: Boolean(p.required), description: p.description ?? null })),
        body: jsonBody ? describeType(jsonBody) : null,
        responses: Object.entries(op.responses ?? {}).map(([status, r]) => ({ status, description: r.description ?? "", schema: r.content?.["application/json"]?.schema ? describeType(r.content["application/json"].schema) : null })),
      });
    }
  }
  const schemas = Object.entries(doc.components?.schemas ?? {}).map(([name, s]) => ({ name, description: s.description ?? null, fields: fieldsOf(s) }));
  const key = (r: ReferenceOperation["responses"][number]) => `${r.status}|${r.description}|${r.schema}`;
  const common = (operations[0]?.responses ?? []).filter((r) => operations.length > 1 && operations.every((op) => op.responses.some((o) => key(o) === key(r))));
  const commonKeys = new Set(common.map(key));
  return { operations: operations.map((op) => ({ ...op, responses: op.responses.filter((r) => !commonKeys.has(key(r))) })), common, schemas };
}
