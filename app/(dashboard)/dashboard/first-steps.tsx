import Link from "next/link";
import { api } from "@/app/_trpc/server";

/** An owner admin's checklist while the installation is new; gone once every step is done. */
export async function FirstSteps() {
  const { steps, allDone } = await api.installation.firstSteps();
  if (allDone) return null;
  const left = steps.filter((step) => !step.done).length;
  return (
    <section
      aria-labelledby="first-steps-title"
      className="mt-6 rounded-lg border border-brand-600 bg-brand-50 p-5 text-sm"
    >
      <h2 id="first-steps-title" className="text-base font-semibold">
        First steps for your installation
      </h2>
      <p className="mt-1 text-slate-700">
        {left === steps.length
          ? "Your installation is empty. Start here:"
          : `${left} of ${steps.length} steps left. This list goes away once they are done.`}
      </p>
      <ol className="mt-3 space-y-3">
        {steps.map((step, index) => (
          <li key={step.key} className="flex gap-3">
            <span
              aria-hidden="true"
              className={`flex h-6 w-6 shrink-0 items-center justify-center rounded-full text-xs font-semibold ${
                step.done ? "bg-green-700 text-white" : "border border-slate-400 bg-white text-slate-700"
              }`}
            >
              {step.done ? "✓" : index + 1}
            </span>
            <span className="min-w-0">
              {step.done ? (
                <span className="font-medium text-slate-600 line-through">{step.title}</span>
              ) : (
                <Link href={step.href} className="font-medium text-brand-800 underline">
                  {step.title}
                </Link>
              )}
              <span className="sr-only">{step.done ? " (done)" : " (to do)"}</span>
              <span className="block text-slate-700">{step.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
