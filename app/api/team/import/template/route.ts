import { withActor } from "@/lib/http/route";
import { templateFormat, templateResponse } from "@/lib/admin/import-http";
import { userTemplate } from "@/lib/admin/import-templates";
import { requireUserAdminScope } from "@/db/queries/user-admin";

/** The account list template, for those who administer accounts (not reviewers without the managesUsers right). */
export const GET = withActor("users.manage", async (request, { actor }) => {
  requireUserAdminScope(actor);
  return templateResponse(await userTemplate(templateFormat(request)));
});
