import { render } from "preact";
import { createDashboardStore } from "./state/store.js";
import { App } from "./ui/app.js";
import { StoreContext } from "./ui/use-store.js";
import "./styles.css";

const store = createDashboardStore();

/** Read-only hooks for the browser tests and for curious operators in the devtools console. */
Object.assign(window, {
  __dashboard: {
    get eventCount() {
      return store.state.eventCount;
    },
    get lastSeq() {
      return store.state.lastSeq;
    },
    get threadCount() {
      return store.state.threads.size;
    },
    dropConnection: () => store.dropConnection(),
  },
});

render(
  <StoreContext.Provider value={store}>
    <App />
  </StoreContext.Provider>,
  document.getElementById("root") as HTMLElement,
);
