import { pgEnum } from "drizzle-orm/pg-core";
import {
  AGENCY_TYPES,
  AGGREGATIONS,
  CASE_EVENT_KINDS,
  CASE_SCOPES,
  CASE_STATUSES,
  FLAG_STATUSES,
  FACT_SOURCES,
  FACT_STATES,
  COMPONENT_GROUPS,
  DGA_ROLES,
  INDICATOR_DIRECTIONS,
  INDICATOR_FREQUENCIES,
  INDICATOR_SOURCES,
  LOCALES,
  PERIOD_STATUSES,
  ROLES,
  SERVICE_CHANNELS,
  SERVICE_STATUSES,
  VALUE_TYPES,
} from "@/core/enums";
import { RULE_KINDS, SEVERITIES } from "@/core/flags/rules";

export const roleEnum = pgEnum("role", ROLES);
export const localeEnum = pgEnum("locale", LOCALES);
export const componentGroupEnum = pgEnum("component_group", COMPONENT_GROUPS);
export const agencyTypeEnum = pgEnum("agency_type", AGENCY_TYPES);
export const dgaRoleEnum = pgEnum("dga_role", DGA_ROLES);
export const serviceChannelEnum = pgEnum("service_channel", SERVICE_CHANNELS);
export const serviceStatusEnum = pgEnum("service_status", SERVICE_STATUSES);
export const indicatorFrequencyEnum = pgEnum("indicator_frequency", INDICATOR_FREQUENCIES);
export const periodStatusEnum = pgEnum("period_status", PERIOD_STATUSES);
export const indicatorDirectionEnum = pgEnum("indicator_direction", INDICATOR_DIRECTIONS);
export const valueTypeEnum = pgEnum("value_type", VALUE_TYPES);
export const aggregationEnum = pgEnum("aggregation", AGGREGATIONS);
export const indicatorSourceEnum = pgEnum("indicator_source", INDICATOR_SOURCES);
export const factSourceEnum = pgEnum("fact_source", FACT_SOURCES);
export const factStateEnum = pgEnum("fact_state", FACT_STATES);
export const ruleKindEnum = pgEnum("rule_kind", RULE_KINDS);
export const severityEnum = pgEnum("severity", SEVERITIES);
export const flagStatusEnum = pgEnum("flag_status", FLAG_STATUSES);
export const caseStatusEnum = pgEnum("case_status", CASE_STATUSES);
export const caseEventKindEnum = pgEnum("case_event_kind", CASE_EVENT_KINDS);
export const caseScopeEnum = pgEnum("case_scope", CASE_SCOPES);
