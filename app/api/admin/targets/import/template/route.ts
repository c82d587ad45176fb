import { withActor } from "@/lib/http/route";
import { templateFormat, templateResponse } from "@/lib/admin/import-http";
import { targetTemplate } from "@/lib/admin/import-templates";

export const GET = withActor("admin.templates", async (request) => templateResponse(await targetTemplate(templateFormat(request))));
