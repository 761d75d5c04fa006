export * from "./engine";
export * from "./lead";
export * from "./model";
export * from "./presets";
export * from "./thresholds";
export * from "./compare";
export * from "./keywords";
export * from "./engagement";
