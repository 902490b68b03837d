import { fileURLToPath } from "node:url";

/**
 * Absolute path of the dashboard's static build (index.html and its assets). Serve it under any path
 * prefix: every asset URL in it is relative.
 */
export const dashboardDir: string = fileURLToPath(new URL("./app/", import.meta.url));
