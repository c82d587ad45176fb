import { withActor } from "@/lib/http/route";
import { handleTableImport } from "@/lib/admin/import-http";
import { commitUserImport, previewUserImport } from "@/lib/users/bulk-import";
import { requireUserAdminScope } from "@/db/queries/user-admin";

/**
 * Account list upload within the caller's scope: `mode=preview` checks it, `mode=commit` writes it in one
 * transaction. A reviewer without the managesUsers right administers no one: refused before the body is read.
 */
export const POST = withActor("users.manage", async (request, { actor }) => {
  requireUserAdminScope(actor);
  return handleTableImport(request, actor, { preview: previewUserImport, commit: commitUserImport });
});
