import { boolean, index, integer, primaryKey, text, unique, type AnyPgColumn } from "drizzle-orm/pg-core";
import { pgTable } from "drizzle-orm/pg-core";
import { timestamps } from "./_columns";
import { agencyTypeEnum, componentGroupEnum, dgaRoleEnum, serviceChannelEnum, serviceStatusEnum } from "./enums";

/** The seven components of the digital-government ecosystem (value chain + enablers). */
export const components = pgTable("components", {
  id: integer().primaryKey().generatedAlwaysAsIdentity(),
  code: text().notNull().unique(),
  ordinal: integer().notNull(),
  group: componentGroupEnum().notNull(),
  nameTh: text().notNull(),
  nameEn: text().notNull(),
  descriptionTh: text().notNull(),
  descriptionEn: text().notNull(),
  /** DGA's own role toward the component as a whole (the source document's Smart Connector roles). */
  dgaRole: dgaRoleEnum(),
  ...timestamps,
});
export type Component = typeof components.$inferSelect;
export type NewComponent = typeof components.$inferInsert;

/** Sub-elements of a component as named in the seed document (e.g. upstream → infrastructure). */
export const componentElements = pgTable(
  "component_elements",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    code: text().notNull().unique(),
    ordinal: integer().notNull(),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    descriptionTh: text(),
    descriptionEn: text(),
    ...timestamps,
  },
  (t) => [index().on(t.componentId)],
);
export type ComponentElement = typeof componentElements.$inferSelect;
export type NewComponentElement = typeof componentElements.$inferInsert;

export const agencies = pgTable(
  "agencies",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    /** Official code; text because leading zeros are significant. */
    code: text().notNull().unique(),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    abbrTh: text(),
    abbrEn: text(),
    type: agencyTypeEnum().notNull(),
    /** The ministry (or other parent) in the government hierarchy. */
    parentId: integer().references((): AnyPgColumn => agencies.id),
    /** Province, for local administrations and provincial offices. */
    province: text(),
    active: boolean().notNull().default(true),
    ...timestamps,
  },
  (t) => [index().on(t.parentId), index().on(t.type)],
);
export type Agency = typeof agencies.$inferSelect;
export type NewAgency = typeof agencies.$inferInsert;

/** Which components an agency contributes to, and DGA's role toward it there. */
export const agencyComponents = pgTable(
  "agency_components",
  {
    agencyId: integer()
      .notNull()
      .references(() => agencies.id),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    dgaRole: dgaRoleEnum().notNull(),
    ...timestamps,
  },
  (t) => [primaryKey({ columns: [t.agencyId, t.componentId] }), index().on(t.componentId)],
);
export type AgencyComponent = typeof agencyComponents.$inferSelect;
export type NewAgencyComponent = typeof agencyComponents.$inferInsert;

/** A monitored platform or service named in the ecosystem (Tang Rat, Biz Portal, GDCC, …). */
export const services = pgTable(
  "services",
  {
    id: integer().primaryKey().generatedAlwaysAsIdentity(),
    code: text().notNull().unique(),
    componentId: integer()
      .notNull()
      .references(() => components.id),
    elementId: integer().references(() => componentElements.id),
    /** Null until assigned: `npm run setup` loads the platforms before any agency exists. */
    ownerAgencyId: integer().references(() => agencies.id),
    channel: serviceChannelEnum().notNull(),
    nameTh: text().notNull(),
    nameEn: text().notNull(),
    descriptionTh: text(),
    descriptionEn: text(),
    url: text(),
    /** active, planned (announced, not yet running) or retired (kept with its history, no longer run). */
    status: serviceStatusEnum().notNull().default("active"),
    ...timestamps,
  },
  (t) => [index().on(t.componentId), index().on(t.elementId), index().on(t.ownerAgencyId), unique().on(t.componentId, t.nameEn)],
);
export type Service = typeof services.$inferSelect;
export type NewService = typeof services.$inferInsert;
