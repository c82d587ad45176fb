export * from "./status";
export * from "./aggregate";
export * from "./component-score";
export * from "./data-quality";
export * from "./validation";
