import { redirect } from "next/navigation";
import { ButtonLink } from "@/components/ui/button";
import { Logo } from "@/components/ui/logo";
import { HOME_PATH } from "@/lib/auth/paths";
import { getPrincipal } from "@/lib/auth/session";

const points = [
  ["Upload any CSV", "Exports from HubSpot, Salesforce or a spreadsheet: columns are mapped for you."],
  ["Transparent scores", "Every lead gets 0–100 and a grade, with the exact rules that gave each point."],
  ["Ready for outreach", "See your top 10 and trends at a glance, then download the ranked list."],
];

export default async function LandingPage() {
  if (await getPrincipal()) redirect(HOME_PATH);
  return (
    <div className="min-h-screen bg-white">
      <header className="mx-auto flex max-w-5xl items-center justify-between px-4 py-5 sm:px-6">
        <Logo className="text-lg" />
        <ButtonLink href="/sign-in" variant="secondary">
          Sign in
        </ButtonLink>
      </header>
      <main className="mx-auto max-w-5xl px-4 pb-16 pt-12 sm:px-6 sm:pt-20">
        <h1 className="max-w-2xl text-4xl font-bold tracking-tight text-slate-900 sm:text-5xl">Know which leads to call first.</h1>
        <p className="mt-5 max-w-xl text-lg text-slate-600">
          LeadRank scores every lead in your CSV from 0 to 100 with rules you can read, ranks them, and hands back a list
          your team can work through today.
        </p>
        <div className="mt-8 flex flex-wrap gap-3">
          <ButtonLink href="/sign-up">Create a free account</ButtonLink>
          <ButtonLink href="/sign-in" variant="secondary">
            I already have an account
          </ButtonLink>
        </div>
        <ul className="mt-16 grid gap-6 sm:grid-cols-3">
          {points.map(([title, text]) => (
            <li key={title} className="rounded-lg bg-slate-50 p-5 ring-1 ring-slate-200">
              <h2 className="font-semibold text-slate-900">{title}</h2>
              <p className="mt-2 text-sm text-slate-600">{text}</p>
            </li>
          ))}
        </ul>
      </main>
    </div>
  );
}
