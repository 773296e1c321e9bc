import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as englishDictionary, translations } from "@zxcvbn-ts/language-en";

/*
 * The password policy: at least 12 characters, and not guessable by zxcvbn-ts (score 3 of 4 or
 * better against its common-password, name and keyboard-pattern dictionaries). Pure: the server
 * enforces it and the set-password form imports it too, to show the verdict while the person types.
 */

export const passwordRules = { minLength: 12, maxLength: 256, minScore: 3 } as const;

let checker: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  checker ??= new ZxcvbnFactory({
    translations,
    graphs: adjacencyGraphs,
    dictionary: { ...commonDictionary, ...englishDictionary },
  });
  return checker;
}

export interface PasswordVerdict {
  ok: boolean;
  /** 0 (guessed at once) to 4 (very hard to guess). */
  score: number;
  problems: string[];
}

/** Judges a password; `personal` lists what it must not lean on (the person's name and email). */
export function judgePassword(password: string, personal: readonly string[] = []): PasswordVerdict {
  const problems: string[] = [];
  if (password.length < passwordRules.minLength)
    problems.push(`Use at least ${passwordRules.minLength} characters (${password.length} so far).`);
  if (password.length > passwordRules.maxLength) problems.push(`Use at most ${passwordRules.maxLength} characters.`);
  const words = personal.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter((p) => p.length >= 3);
  const lower = password.toLowerCase();
  // zxcvbn rates "first" + "last" + year as strong when the names are separate inputs; a name or
  // the address in the password is refused outright, and the combinations are given to zxcvbn too.
  if (words.some((word) => lower.includes(word) && !["example", "com", "org", "net"].includes(word)))
    problems.push("Do not use your name or email address in it.");
  const inputs = [...words, ...words.flatMap((a) => words.map((b) => a + b))];
  const result = zxcvbn().check(password.slice(0, passwordRules.maxLength), inputs);
  if (result.score < passwordRules.minScore) {
    problems.push(
      result.feedback.warning
        ? `${result.feedback.warning}.`.replace(/\.\.$/, ".")
        : "This password is too easy to guess.",
    );
    for (const suggestion of result.feedback.suggestions.slice(0, 2)) problems.push(suggestion);
  }
  // A refused password never shows as strong, whatever zxcvbn made of it.
  const score = problems.length ? Math.min(result.score, passwordRules.minScore - 1) : result.score;
  return { ok: problems.length === 0, score, problems };
}
