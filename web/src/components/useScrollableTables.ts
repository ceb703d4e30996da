/**
 * Tables that scroll sideways inside themselves (on small screens, docs/ui.md "Small screens")
 * take the keyboard focus, so that a keyboard user can scroll them (WCAG 2.1.1, axe's
 * `scrollable-region-focusable`: a table of text only has nothing else to focus); tables that
 * fit stay out of the tab order. One watcher on the page's main element serves every table a
 * page renders into it, whenever its size or its content changes.
 */
import { useEffect, type RefObject } from 'react';

/** Keeps the tab stops of the scrolling tables inside `main`. */
export function useScrollableTables(main: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = main.current;
    if (!el) return;
    let frame = 0;
    const update = () => {
      frame = 0;
      for (const table of el.querySelectorAll('table')) {
        if (table.scrollWidth > table.clientWidth + 1) table.tabIndex = 0;
        else table.removeAttribute('tabindex');
      }
    };
    // Coalesced into one pass a frame; the tab stops it sets are attributes, which neither observer watches.
    const schedule = () => {
      if (!frame) frame = requestAnimationFrame(update);
    };
    const resized = new ResizeObserver(schedule);
    resized.observe(el);
    const changed = new MutationObserver(schedule);
    changed.observe(el, { childList: true, subtree: true, characterData: true });
    schedule();
    return () => {
      resized.disconnect();
      changed.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [main]);
}
