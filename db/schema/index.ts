export * from "./enums";
export * from "./ecosystem";
export * from "./users";
export * from "./indicators";
export * from "./sroi";
export * from "./audit";
export * from "./meta";
export * from "./emenscr";
