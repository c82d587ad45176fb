import { withActor } from "@/lib/http/route";
import { handleTableImport } from "@/lib/admin/import-http";
import { commitUserImport, previewUserImport } from "@/lib/users/bulk-import";

/** Account list upload within the caller's scope: `mode=preview` checks it, `mode=commit` writes it in one transaction. */
export const POST = withActor("users.manage", async (request, { actor }) => handleTableImport(request, actor, { preview: previewUserImport, commit: commitUserImport }));
