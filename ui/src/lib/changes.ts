// Another window, desktop or the CLI changed the data (a team database announces each commit;
// the embedded file is looked at once a second): the screen on show reads its data again.
import { listen } from "@tauri-apps/api/event";
import { EVENTS, type DataChange } from "./bindings";

/**
 * Calls `reload` after every committed change that `relevant` accepts (all by default).
 * Returns the unsubscribe, meant as an `$effect` cleanup.
 */
export function onDataChange(reload: () => void, relevant: (c: DataChange) => boolean = () => true): () => void {
  let stop: (() => void) | null = null;
  let stopped = false;
  void listen<DataChange[]>(EVENTS.dataChanged, (e) => {
    if (e.payload.some(relevant)) reload();
  }).then((unlisten) => {
    if (stopped) unlisten();
    else stop = unlisten;
  });
  return () => {
    stopped = true;
    stop?.();
  };
}
