export function Logo({ className = "" }: { className?: string }) {
  return (
    <span className={`inline-flex items-center gap-2 font-bold tracking-tight text-slate-900 ${className}`}>
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6">
        <rect width="24" height="24" rx="6" className="fill-indigo-600" />
        <path d="M6 17h3V11H6zm4.5 0h3V7h-3zM15 17h3v-8h-3z" className="fill-white" />
      </svg>
      LeadRank
    </span>
  );
}
