// Moves in an ordered list of ids, shared by drag and drop and the move
// buttons (the keyboard way to do the same), and where a drop lands.

/** The list with `id` moved to `index` (clamped), the others keeping their order. */
export function moveTo(ids, id, index) {
  const rest = ids.filter((x) => x !== id);
  rest.splice(Math.max(0, Math.min(index, rest.length)), 0, id);
  return rest;
}

/** The list with `id` moved `step` places (−1 = up/left, +1 = down/right). */
export function moveBy(ids, id, step) {
  return moveTo(ids, id, ids.indexOf(id) + step);
}

/** Index in `ids` (without the dragged one) where a drop on `target` lands: before it on its first half, after on its second. */
export function dropIndex(ids, draggedId, targetId, event, element, axis) {
  const rest = ids.filter((x) => x !== draggedId);
  const box = element.getBoundingClientRect();
  const before = axis === 'x' ? event.clientX < box.left + box.width / 2 : event.clientY < box.top + box.height / 2;
  const at = rest.indexOf(targetId);
  return at < 0 ? rest.length : before ? at : at + 1;
}

/** What is being dragged right now (dataTransfer cannot be read during dragover). */
export const dragging = { kind: null, id: null };
