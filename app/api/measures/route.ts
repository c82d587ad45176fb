import { NextResponse } from "next/server";
import { LOCALES, type Locale } from "@/core/enums";
import { measureGlossary } from "@/core/measures/glossary";
import { withActor } from "@/lib/http/route";

/** The catalogue of measures every figure of the dashboard API refers to: name and definition in the asked language. */
export const GET = withActor("dashboard.view", async (request) => {
  const asked = new URL(request.url).searchParams.get("locale") ?? "th";
  if (!(LOCALES as readonly string[]).includes(asked)) return NextResponse.json({ error: "invalid_locale" }, { status: 400 });
  return NextResponse.json({ locale: asked, measures: measureGlossary(asked as Locale) });
});
