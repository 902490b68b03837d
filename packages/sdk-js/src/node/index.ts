export type { FileLockOptions } from "./file-lock.js";
export { createFileLock } from "./file-lock.js";
export type { FileTokenStoreOptions } from "./file-token-store.js";
export { FileTokenStore } from "./file-token-store.js";
export type { BrowserLoginOptions } from "./login-with-browser.js";
export { loginWithBrowser } from "./login-with-browser.js";
export type { FreshAccessToken, FreshAccessTokenOptions } from "./token-file.js";
export { freshAccessToken } from "./token-file.js";
export { tokenFilePath } from "./token-file-path.js";
