import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="flex min-h-[60vh] flex-col items-center justify-center px-4 text-center">
      <p className="text-sm font-semibold text-indigo-600">404</p>
      <h1 className="mt-2 text-2xl font-bold text-slate-900">This page does not exist</h1>
      <p className="mt-2 text-slate-600">It may have been removed, or it belongs to another account.</p>
      <ButtonLink href="/dashboard" className="mt-6">
        Back to the dashboard
      </ButtonLink>
    </div>
  );
}
