import { taskChangeOutput } from "./shared.js";

export const claimTaskOutput = taskChangeOutput;
export const unclaimTaskOutput = taskChangeOutput;
export const completeTaskOutput = taskChangeOutput;
