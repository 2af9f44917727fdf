/** Holds the event loop, as a starved or busy process does between sending a command and reading its reply. */
export function blockEventLoop(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // busy: nothing else of this process runs, so a reply waits unread in its socket
  }
}
