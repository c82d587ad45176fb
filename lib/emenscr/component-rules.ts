// Linking eMENSCR projects to ecosystem components by analyst-editable rules: a keyword (case- and
// space-insensitive substring) or a regular expression, on the project name, its strategy links, or both.

import type { ComponentRuleField, ComponentRuleMatch } from "@/core/enums";
import { normaliseText } from "@/core/parse/values";

export interface RuleSpec {
  id: number;
  componentId: number;
  field: ComponentRuleField;
  match: ComponentRuleMatch;
  pattern: string;
}

export interface ProjectText {
  name: string;
  strategy?: string | null;
  masterPlan?: string | null;
  subPlan?: string | null;
}

export type RuleCheck = { ok: true } | { ok: false; reason: "rule_pattern_empty" | "rule_pattern_invalid" | "rule_pattern_too_long" | "rule_pattern_unsafe" };

/** Rules are typed by analysts; reject what would never match or could not be compiled. */
export function checkRulePattern(match: ComponentRuleMatch, pattern: string): RuleCheck {
  const text = normaliseText(pattern);
  if (text === "") return { ok: false, reason: "rule_pattern_empty" };
  if (text.length > 200) return { ok: false, reason: "rule_pattern_too_long" };
  if (match === "regex") {
    try {
      new RegExp(text, "iu");
    } catch {
      return { ok: false, reason: "rule_pattern_invalid" };
    }
    if (mayBacktrackExponentially(text)) return { ok: false, reason: "rule_pattern_unsafe" };
  }
  return { ok: true };
}

/**
 * Whether a (valid) regular expression can take exponential time: a repeated group that itself holds a
 * repetition or an alternation — (a+)+, (a|aa)*, ((ab)*c){2,} — or a backreference. JavaScript's engine
 * backtracks, so one such rule and one 30-letter project name would hold the server for minutes (it
 * runs on every imported row). Stricter than necessary ((ab|cd)+ is refused too); rules never need it.
 */
export function mayBacktrackExponentially(pattern: string): boolean {
  /** Per open group: whether it holds a repetition or an alternation. */
  const groups: boolean[] = [];
  let inClass = false;
  /** The group that closed just before: whether it held one. */
  let closedRisky = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    const wasClosedRisky = closedRisky;
    closedRisky = false;
    if (ch === "\\") {
      if (!inClass && /[1-9k]/.test(pattern[i + 1] ?? "")) return true;
      i++;
    } else if (inClass) {
      if (ch === "]") inClass = false;
    } else if (ch === "[") {
      inClass = true;
    } else if (ch === "(") {
      groups.push(false);
      // (?:…), (?=…), (?!…), (?<=…), (?<!…), (?<name>…): the "?" is no quantifier.
      const modifier = /^\?(<[A-Za-z_$][\w$]*>|<=|<!|[:=!])/.exec(pattern.slice(i + 1));
      if (modifier) i += modifier[0].length;
    } else if (ch === ")") {
      const risky = groups.pop() ?? false;
      if (risky && groups.length) groups[groups.length - 1] = true;
      closedRisky = risky;
    } else if (ch === "|") {
      if (groups.length) groups[groups.length - 1] = true;
    } else if (ch === "*" || ch === "+" || ch === "?" || ch === "{") {
      const bounds = ch === "{" ? /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i)) : null;
      if (ch === "{" && !bounds) continue;
      const repeats = ch === "*" || ch === "+" || (bounds !== null && bounds[2] !== undefined && (bounds[3] === "" || Number(bounds[3]) > 1));
      if (repeats && wasClosedRisky) return true;
      if (repeats && groups.length) groups[groups.length - 1] = true;
      if (bounds) i += bounds[0].length - 1;
    }
  }
  return false;
}

function fold(text: string): string {
  return normaliseText(text).toLowerCase().replace(/\s+/g, "");
}

export type CompiledRule = RuleSpec & { test: (text: string) => boolean };

/** Compiled in id order: the lowest rule id wins a component (see matchComponents). */
export function compileRules(rules: readonly RuleSpec[]): CompiledRule[] {
  return [...rules].sort((a, b) => a.id - b.id).flatMap((rule) => {
    if (!checkRulePattern(rule.match, rule.pattern).ok) return [];
    if (rule.match === "regex") {
      const re = new RegExp(normaliseText(rule.pattern), "iu");
      return [{ ...rule, test: (text: string) => re.test(normaliseText(text)) }];
    }
    const needle = fold(rule.pattern);
    return [{ ...rule, test: (text: string) => fold(text).includes(needle) }];
  });
}

/** component id → the first rule (lowest id; compileRules sorts them) that links the project to it. */
export function matchComponents(project: ProjectText, rules: readonly CompiledRule[]): Map<number, number> {
  const strategyText = [project.strategy, project.masterPlan, project.subPlan].filter(Boolean).join(" ");
  const result = new Map<number, number>();
  for (const rule of rules) {
    if (result.has(rule.componentId)) continue;
    const texts = rule.field === "name" ? [project.name] : rule.field === "strategy" ? [strategyText] : [project.name, strategyText];
    if (texts.some((t) => t && rule.test(t))) result.set(rule.componentId, rule.id);
  }
  return result;
}
