import { DashboardSkeleton } from "@/components/dashboard/query-state";

export default function Loading() {
  return (
    <div className="page">
      <div className="skeleton skeleton--title" aria-hidden="true" />
      <DashboardSkeleton blocks={4} />
    </div>
  );
}
