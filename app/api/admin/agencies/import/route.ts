import { withActor } from "@/lib/http/route";
import { commitAgencyImport, previewAgencyImport } from "@/lib/admin/agency-import";
import { handleTableImport } from "@/lib/admin/import-http";

/** Agency list upload: `mode=preview` checks it, `mode=commit` writes it in one transaction. */
export const POST = withActor("admin.master_data", async (request, { actor }) => handleTableImport(request, actor, { preview: previewAgencyImport, commit: commitAgencyImport }));
