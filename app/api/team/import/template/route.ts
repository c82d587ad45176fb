import { withActor } from "@/lib/http/route";
import { templateFormat, templateResponse } from "@/lib/admin/import-http";
import { userTemplate } from "@/lib/admin/import-templates";

export const GET = withActor("users.manage", async (request) => templateResponse(await userTemplate(templateFormat(request))));
