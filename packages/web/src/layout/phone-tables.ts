/** Gives every body cell of a table with a header row the name of its column (the phone's card layout shows it). */
function labelCells(root: ParentNode): void {
  for (const table of root.querySelectorAll('table')) {
    const head = table.tHead?.rows[0];
    if (!head) continue;
    // a header cell may span columns: its name belongs to each column it spans
    const names: string[] = [];
    for (const th of head.cells) for (let i = 0; i < th.colSpan; i++) names.push(th.textContent?.trim() ?? '');
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let col = 0;
        for (const td of row.cells) {
          const name = names[col] ?? '';
          if (td.getAttribute('data-label') !== name) {
            if (name) td.setAttribute('data-label', name);
            else td.removeAttribute('data-label');
          }
          col += td.colSpan;
        }
      }
    }
  }
}

/** Keeps the labels right as pages render and change; one pass per frame at most. */
export function watchTablesForPhones(): void {
  let pending = false;
  const run = () => {
    pending = false;
    labelCells(document);
  };
  new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(run);
  }).observe(document.body, { childList: true, subtree: true, characterData: true });
  run();
}
