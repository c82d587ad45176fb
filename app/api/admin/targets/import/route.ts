import { withActor } from "@/lib/http/route";
import { handleTableImport } from "@/lib/admin/import-http";
import { commitTargetImport, previewTargetImport } from "@/lib/admin/targets";

/** Target upload: `mode=preview` checks it, `mode=commit` writes it in one transaction and re-evaluates the periods. */
export const POST = withActor("admin.templates", async (request, { actor }) => handleTableImport(request, actor, { preview: previewTargetImport, commit: commitTargetImport }));
