// Drag and drop by finger or pen. Browsers fire HTML drag events for a mouse
// only, so on touch screens the drag handle follows pointer events instead and,
// where the finger lifts, dispatches a `touchdrop` event that the board's drop
// code handles as it handles a mouse's `drop` (the point is in event.detail).

/** Makes `handle` drag its item by touch: `start()` when the finger goes down, `end()` once it lifted or was cancelled. */
export function touchDraggable(handle, { start, end }) {
  handle.style.touchAction = 'none'; // the finger on the handle drags; elsewhere it still scrolls the page
  handle.addEventListener('pointerdown', (down) => {
    if (down.pointerType === 'mouse' || !down.isPrimary) return; // the mouse has native drag and drop
    down.preventDefault();
    handle.setPointerCapture(down.pointerId);
    const item = handle.closest('[draggable]');
    item?.classList.add('touch-dragging');
    start();
    const finish = (lift) => {
      handle.removeEventListener('pointerup', finish);
      handle.removeEventListener('pointercancel', finish);
      item?.classList.remove('touch-dragging');
      if (lift.type === 'pointerup') {
        const target = document.elementFromPoint(lift.clientX, lift.clientY);
        const point = { clientX: lift.clientX, clientY: lift.clientY };
        target?.dispatchEvent(new CustomEvent('touchdrop', { bubbles: true, cancelable: true, detail: point }));
      }
      end();
    };
    handle.addEventListener('pointerup', finish);
    handle.addEventListener('pointercancel', finish);
  });
}

/** The pointer position of a `drop` (a mouse) or a `touchdrop` (a finger) event. */
export function dropPoint(event) {
  return event.type === 'touchdrop' ? event.detail : event;
}
