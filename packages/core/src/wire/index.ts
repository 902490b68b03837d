export type { CamelToSnake, Snake, WireEvent, WireEventType } from "./wire-event.js";
export { camelToSnake, toWireEvent } from "./wire-event.js";
