import { withActor } from "@/lib/http/route";
import { templateFormat, templateResponse } from "@/lib/admin/import-http";
import { agencyTemplate } from "@/lib/admin/import-templates";

export const GET = withActor("admin.master_data", async (request) => templateResponse(await agencyTemplate(templateFormat(request))));
