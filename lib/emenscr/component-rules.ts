// Linking eMENSCR projects to ecosystem components by analyst-editable rules: a keyword (case- and
// space-insensitive substring) or a regular expression, on the project name, its strategy links, or both.

import type { ComponentRuleField, ComponentRuleMatch } from "@/lib/domain/enums";
import { normaliseText } from "@/lib/parse/values";

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

export type RuleCheck = { ok: true } | { ok: false; reason: "rule_pattern_empty" | "rule_pattern_invalid" | "rule_pattern_too_long" };

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
  }
  return { ok: true };
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
